#include "cleannet/netmodel/inventory.h"

#include <filesystem>

#include "cleannet/core/input.h"
#include "cleannet/netmodel/cyclonedx.h"
#include "cleannet/netmodel/device_output.h"
#include "cleannet/netmodel/graphml.h"
#include "cleannet/netmodel/native_csv.h"
#include "cleannet/netmodel/native_json.h"
#include "cleannet/netmodel/netbox.h"

namespace cleannet::netmodel {

namespace fs = std::filesystem;

core::Result<Network> load_inventory(const std::string& p, const InventoryOptions& options) {
  if (fs::is_directory(p)) {
    std::string demands = (fs::path(p) / "demands.csv").string();
    return load_network_csv((fs::path(p) / "devices.csv").string(), (fs::path(p) / "links.csv").string(),
                            fs::exists(demands) ? demands : "");
  }
  if (p.ends_with(".graphml") || p.ends_with(".graphml.gz") || p.ends_with(".graphml.xz"))
    return load_graphml_file(p, options.vendors);
  auto in = core::Input::open(p);
  if (!in) return in.error();
  // read() may return less than asked (the bytes kept from compression detection come
  // first), so fill the whole window before deciding.
  char head[4096];
  size_t got = 0;
  while (got < sizeof head) {
    auto n = in->read(head + got, sizeof head - got);
    if (!n) return n.error();
    if (*n == 0) break;
    got += *n;
  }
  std::string_view h(head, got);
  size_t first = h.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  // A NetBox device object (GET /api/dcim/devices/ID/) goes to the NetBox reader too, which
  // says what it is.
  bool netbox = (first != std::string_view::npos && h[first] == '[') ||
                h.find("\"results\"") != std::string_view::npos || h.find("\"device_type\"") != std::string_view::npos;
  if (netbox) return load_netbox(p, options.cables);
  return load_network_json(p);
}

core::Result<Network> load_network(const NetworkSources& s) {
  auto net = load_inventory(s.inventory, s.options);
  if (!net) return net.error();
  if (!s.demands.empty())
    if (auto st = add_demands_csv(*net, s.demands); !st) return st.error();
  for (const DeviceFile& df : s.hboms) {
    auto in = core::Input::open(df.file);
    if (!in) return in.error();
    if (auto st = attach_cyclonedx(*net, df.device, std::move(*in)); !st) return st.error();
  }
  for (const DeviceFile& df : s.device_outputs) {
    auto in = core::Input::open(df.file);
    if (!in) return in.error();
    if (auto st = attach_device_output(*net, df.device, std::move(*in)); !st) return st.error();
  }
  if (!s.traffic_class.empty())
    for (auto& d : net->demands)
      if (d.traffic_class.empty()) d.traffic_class = s.traffic_class;
  return net;
}

}  // namespace cleannet::netmodel
