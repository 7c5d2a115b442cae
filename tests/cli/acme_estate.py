"""The bundled audit scenario (data/audit/acme, a SYNTHETIC estate) in a folder of its own, as
the tests that run it twice need it: its store goes beside it, the Internet and cloud data it
names by relative path are linked in place, and `next_quarter()` puts the next quarter's
inventory (Huawei core router replaced, ZTE RAN device added) where the scenario reads it.

    estate = AcmeEstate(tmp)
    run(cli, "audit", "run", estate.scenario, ...); estate.next_quarter(); run(...)
"""
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class AcmeEstate:
    def __init__(self, tmp):
        self.data = os.path.join(tmp, "data")
        self.acme = os.path.join(self.data, "audit", "acme")
        os.makedirs(os.path.join(self.data, "audit"))
        shutil.copytree(os.path.join(ROOT, "data", "audit", "acme"), self.acme)
        for d in ("internet", "cloud"):
            os.symlink(os.path.join(ROOT, "data", d), os.path.join(self.data, d))
        self.scenario = os.path.join(self.acme, "scenario.toml")
        self.store = os.path.join(self.acme, ".cleannet", "history.sqlite")

    def next_quarter(self):
        shutil.copy(os.path.join(self.acme, "next-quarter", "network.json"),
                    os.path.join(self.acme, "inventory", "network.json"))
