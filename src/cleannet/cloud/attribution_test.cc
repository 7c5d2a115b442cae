// Hand-checked attribution cases: one per evidence kind and provider family, each against
// the line of the bundled ranges (data/cloud/provider-ranges.tsv.gz) or the suffix table.
#include "cleannet/cloud/attribution.h"

#include <gtest/gtest.h>

namespace cleannet::cloud {
namespace {

const ProviderCatalog& catalog() {
  static const ProviderCatalog c = *ProviderCatalog::bundled();
  return c;
}

std::string addr(const char* ip) {
  auto a = catalog().by_address(*core::parse_prefix(ip));
  if (!a) return "none";
  return a->provider + " " + evidence_kind_name(a->kind) + " " + a->detail;
}

TEST(Attribution, BundledRanges) {
  EXPECT_EQ(catalog().ranges().size(), 27218u);
  EXPECT_EQ(addr("3.5.140.17"), "aws published-range aws-ip-ranges.json 3.5.140.0/22 region ap-northeast-2");
  EXPECT_EQ(addr("116.251.64.10"), "alibaba-cloud asn-announced AS45102,AS134963 116.251.64.0/18 (alibaba.json)");
  EXPECT_EQ(addr("106.12.0.9"), "baidu asn-announced AS38365 106.12.0.0/17 (AS38365.json)");
  EXPECT_EQ(addr("1.178.32.1"), "huawei-cloud asn-announced AS136907,AS55990 1.178.32.0/20 (huawei-cloud.json)");
  EXPECT_EQ(addr("1.116.0.1"),
            "tencent-cloud asn-announced AS45090,AS133478,AS132591,AS132203 1.116.0.0/18 (tencent.json)");
  EXPECT_EQ(addr("103.21.244.1"), "cloudflare published-range cloudflare-v4-ip-ranges.txt 103.21.244.0/22");
  EXPECT_EQ(addr("192.0.2.1"), "none");
  EXPECT_EQ(addr("2001:db8::1"), "none");
}

TEST(Attribution, DomainSuffixes) {
  auto dom = [](const char* h) {
    auto a = catalog().by_domain(h);
    return a ? a->provider + " " + a->detail : std::string("none");
  };
  EXPECT_EQ(dom("examplebucket.oss-cn-hangzhou.aliyuncs.com"), "alibaba-cloud aliyuncs.com");
  EXPECT_EQ(dom("Bucket-1250000000.COS.ap-guangzhou.myqcloud.com."), "tencent-cloud myqcloud.com");
  EXPECT_EQ(dom("cvm.tencentcloudapi.com"), "tencent-cloud tencentcloudapi.com");
  EXPECT_EQ(dom("obs.cn-north-4.myhuaweicloud.com"), "huawei-cloud myhuaweicloud.com");
  EXPECT_EQ(dom("bj.bcebos.com"), "baidu bcebos.com");
  EXPECT_EQ(dom("s3.eu-central-1.amazonaws.com"), "aws amazonaws.com");
  EXPECT_EQ(dom("storage.googleapis.com"), "google-cloud googleapis.com");
  EXPECT_EQ(dom("acct.blob.core.windows.net"), "azure core.windows.net");
  EXPECT_EQ(dom("notaliyuncs.com"), "none");           // whole labels only
  EXPECT_EQ(dom("aliyuncs.com.example.org"), "none");  // suffix, not infix
  EXPECT_EQ(dom("aliyuncs.com"), "alibaba-cloud aliyuncs.com");
}

TEST(Attribution, TerraformTypesAndNames) {
  EXPECT_EQ(catalog().by_terraform_type("alicloud")->provider, "alibaba-cloud");
  EXPECT_EQ(catalog().by_terraform_type("google-beta")->provider, "google-cloud");
  EXPECT_FALSE(catalog().by_terraform_type("random"));
  EXPECT_TRUE(ProviderCatalog::is_utility_provider("random"));
  EXPECT_EQ(catalog().by_name(" Alibaba Cloud ")->provider, "alibaba-cloud");
  EXPECT_EQ(catalog().by_name("CTyun")->provider, "china-telecom-ctyun");
  EXPECT_EQ(catalog().provider("huawei-cloud")->registry_id, "huawei-cloud");
  EXPECT_FALSE(catalog().by_name("Acme Hosting"));
}

TEST(Attribution, MainlandChinaRegions) {
  for (const char* r : {"cn-beijing", "cn-north-4", "ap-guangzhou", "bj", "chinaeast2", "cn-northwest-1"})
    EXPECT_TRUE(is_mainland_china_region(r)) << r;
  for (const char* r : {"cn-hongkong", "ap-southeast-1", "eu-west-101", "us-east-1", "westeurope", "ap-hongkong"})
    EXPECT_FALSE(is_mainland_china_region(r)) << r;
}

}  // namespace
}  // namespace cleannet::cloud
