#!/usr/bin/env python3
"""Convert the sourced trust-registry seed into cleannet's TOML registry format.

Reads (all three, fully):
    ../shared/data/registry/organisations.json   -> [[organisation]]
    ../shared/data/registry/sources.md           -> checked against LISTS below ([[list]])
    ../shared/data/registry/criteria.md          -> [[criterion]]
and the staged list updates (issue 17), also fully:
    ../shared/data/registry/updates-2026-12/additions.json            -> new organisations,
        designations appended to existing ones, proposed (unverified) parents, NEW_LISTS
    ../shared/data/registry/updates-2026-12/source_replacements.json  -> better sources and
        quotes (the old url kept in the note), the end of EO 13942/13943 (ENDS)
plus data/registry/sources.md (the project's copy, extended for the new lists: NEW_LISTS
urls are checked against it), and writes data/registry/default.toml in the format of
docs/registry-format.md.

The output is deterministic: it depends only on the input files and on the tables in
this script (no timestamps, no environment). After writing, the file is parsed back with
tomllib and checked; any problem is printed and the exit status is non-zero.

Standard library only. Usage (from anywhere):
    python3 scripts/registry-seed-to-toml.py [--seed-dir DIR] [--out FILE]
        [--ieee-dir DIR]   # optional: report how IEEE OUI registrant names resolve by name
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import sys
import tomllib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED_DIR_DEFAULT = os.path.join(REPO, "..", "shared", "data", "registry")
SEED_DIR_DISPLAY = "../shared/data/registry"  # how the header names the seed (repo-relative)
OUT_DEFAULT = os.path.join(REPO, "data", "registry", "default.toml")
SCRIPT_DISPLAY = "scripts/registry-seed-to-toml.py"

# --------------------------------------------------------------------------------------------
# [[list]] metadata, in the order of sources.md. Issuer and description are taken from
# sources.md. `url` is the official address where sources.md gives one; otherwise it is the
# first address sources.md says was read for that list, and the description says so.
# Every distinct designations[].list value in the seed must appear here (checked).
# --------------------------------------------------------------------------------------------
LISTS = [
    {
        "name": "FCC Covered List",
        "issuer": "U.S. Federal Communications Commission, Public Safety and Homeland Security "
                  "Bureau (PSHSB)",
        "url": "https://www.fcc.gov/supplychain/coveredlist",
        "description": "List of Equipment and Services Covered By Section 2 of The Secure "
                       "Networks Act: communications equipment and services judged to pose an "
                       "unacceptable risk to U.S. national security or to the safety of U.S. "
                       "persons; each entry extends to the named entity's subsidiaries and "
                       "affiliates.",
    },
    {
        "name": "FCC section 214 action",
        "issuer": "U.S. Federal Communications Commission",
        "url": "https://www.tlp.law/2019/05/16/fcc-denies-china-mobile-usa-section-214-application/",
        "description": "FCC orders denying or revoking Chinese state-controlled carriers' "
                       "section 214 authority to provide service in the United States (Clean "
                       "Carrier follow-through); URL is the first source read (secondary), each "
                       "designation carries its own source_url.",
    },
    {
        "name": "FCC 2021 revocation of China Telecom Americas section 214",
        "issuer": "U.S. Federal Communications Commission",
        "url": "https://www.tlp.law/2021/11/08/fcc-releases-order-to-revoke-china-telecom-americas-corporations-section-214-authority/",
        "description": "Order on Revocation and Termination (adopted 2021-10-26, released "
                       "2021-11-02) ending China Telecom (Americas) Corporation's domestic and "
                       "international section 214 authority; URL is a secondary source read.",
    },
    {
        "name": "Clean Network 2020 statement",
        "issuer": "U.S. Department of State (Secretary Michael R. Pompeo)",
        "url": "https://2017-2021.state.gov/the-clean-network/index.html",
        "description": "The Clean Network: 5G Clean Path (2020-04-29) and the Clean Carrier, "
                       "Clean Store, Clean Apps, Clean Cloud and Clean Cable lines of effort "
                       "(2020-08-05); several quotes come from press reproductions, as each "
                       "designation's note says.",
    },
    {
        "name": "Clean Network clean telco",
        "issuer": "U.S. Department of State / Secretary of State",
        "url": "https://2017-2021.state.gov/building-a-clean-network-key-milestones/index.html",
        "description": "Operators that the State Department or the Secretary publicly called "
                       "\"Clean Telcos\" (operators that avoid untrusted vendors); no full list "
                       "was found, and verified = false marks entries no source read supports.",
    },
    {
        "name": "Clean Network clean company",
        "issuer": "U.S. Department of State Clean Network program, as reported by the Krach "
                  "Institute (secondary, undated)",
        "url": "https://techdiplomacy.org/tech-statecraft/timeline",
        "description": "Companies named as \"Clean Companies\" (Oracle, Fujitsu, Cisco, Siemens, "
                       "VMware, NEC, HP) in a secondary, undated source run by the program's "
                       "former lead; the seed uses it only for Cisco, NEC and Fujitsu.",
    },
    {
        "name": "US Commerce Entity List",
        "issuer": "U.S. Department of Commerce, Bureau of Industry and Security (BIS)",
        "url": "https://www.convergedigest.com/2019/05/us-dept-of-commerce-huawei-restriction.html",
        "description": "Entity List (Supplement No. 4 to Part 744 of the Export Administration "
                       "Regulations): parties subject to extra export licence requirements, "
                       "generally with a presumption of denial; URL is the first source read "
                       "(secondary), no official list URL was recorded.",
    },
    {
        "name": "Executive Order 13942/13943",
        "issuer": "President of the United States",
        "url": "https://www.globaltradeandsanctionslaw.com/executive-order-tiktok-wechat/",
        "description": "Executive Orders 13942 (TikTok/ByteDance) and 13943 (WeChat/Tencent) "
                       "of 2020-08-06 under IEEPA, revoked by Executive Order 14034 on "
                       "2021-06-09 (each designation ends then, until = 2021-06-09); URL is "
                       "the first source read (secondary).",
    },
    # Criteria frameworks: present as lists so that they can be referred to, but they name no
    # supplier, so no designation uses them.
    {
        "name": "EU 5G Toolbox",
        "issuer": "NIS Cooperation Group of EU Member States (endorsed by the European "
                  "Commission 2020-01-29)",
        "url": "https://www.efe.com/efe/english/portada/eu-to-restrict-high-risk-providers-of-future-5g-networks/50000260-4161529",
        "description": "Cybersecurity of 5G networks - EU Toolbox of risk mitigating measures; "
                       "criteria framework that names no supplier, so no designation uses this "
                       "list (its risk-profile factors are the EU-* criteria); URL is a "
                       "secondary source read.",
    },
    {
        "name": "Prague Proposals",
        "issuer": "Chair of the Prague 5G Security Conference (Government of the Czech "
                  "Republic), 2019-05-03",
        "url": "http://czechcompete.cz/pipeline/vlada-cz-prague-5g-security-conference-announced-series-of-recommendations-the-prague-proposals",
        "description": "Non-binding recommendations on the cyber security of communication "
                       "networks (policy; technology; economy; security, privacy and "
                       "resilience); criteria framework that names no supplier, so no "
                       "designation uses this list.",
    },
    {
        "name": "CSIS criteria",
        "issuer": "Center for Strategic and International Studies (CSIS) Working Group on "
                  "Trust and Security in 5G Networks",
        "url": "https://www.csis.org/analysis/criteria-security-and-trust-telecommunications-networks-and-services",
        "description": "Criteria for Security and Trust in Telecommunications Networks and "
                       "Services (May 2020); criteria framework that names no supplier, so no "
                       "designation uses this list; the itemised criteria were not retrieved.",
    },
]
FRAMEWORK_LISTS = {"EU 5G Toolbox", "Prague Proposals", "CSIS criteria"}

# criteria.md section heading -> framework value of the format
FRAMEWORKS = [
    ("Prague Proposals", "Prague Proposals"),
    ("CSIS", "CSIS"),
    ("EU 5G", "EU 5G Toolbox"),
]

# The "reasonable default rule" at the end of criteria.md; the script checks that the rule's
# text names exactly these ids.
DECISIVE = ["PRAGUE-4", "CSIS-2", "EU-RISK-a", "EU-RISK-b", "EU-RISK-c"]

# Placeholder criteria: make the known gaps in criteria.md visible instead of inventing items.
# Each is inserted after the last criterion of its framework.
PLACEHOLDERS = [
    {
        "id": "PRAGUE-PLACEHOLDER",
        "framework": "Prague Proposals",
        "text": "Placeholder, not a criterion: the Technology, Economy and Security/Privacy/"
                "Resilience groups (B-D) of the Prague Proposals contain further bullets that "
                "were not read in full (for example on a diverse supplier market); add them "
                "when the primary text is available.",
        "basis": "placeholder",
    },
    {
        "id": "CSIS-PLACEHOLDER",
        "framework": "CSIS",
        "text": "Placeholder, not a criterion: the 31 published CSIS criteria were not "
                "retrieved; items CSIS-1 to CSIS-5 only restate published summaries and are "
                "to be replaced by the itemised list.",
        "basis": "placeholder",
    },
]

# --------------------------------------------------------------------------------------------
# EXTRA: identifiers and aliases the project needs that are NOT in the seed. Each value says
# why. Identifier kinds added here are listed in the organisation's `unverified` (no source
# read for the seed confirms them); aliases that only shorten or normalise the organisation's
# own name are not flagged. The output marks every EXTRA addition with a comment.
#
# IEEE OUI registrant check (/usr/share/ieee-data oui.csv, mam.csv, oui36.csv, ieee-data of
# 2022-08-27): after normalisation (lower-case, punctuation -> space, trailing legal suffixes
# stripped) every registrant spelling of Huawei, ZTE, Hikvision, Dahua, Hytera, Cisco, Nokia,
# Ericsson, Juniper, Arista, Fujitsu, NEC and Samsung Electronics either equals the name or an
# alias, or starts with an alias as whole words, with the aliases below added. The spellings
# left unmatched are other companies or joint ventures and deliberately get no alias:
# "Prama Hikvision India Private Limited", "Shanghai Dahua Scale Factory",
# "LG-Ericsson Co.,Ltd.", "NANJING FUJITSU COMPUTER PRODUCTS CO.,LTD.", "Wuhan NEC Fibre Optic
# Communications industry Co. Ltd", "Packard Bell Nec Services", "SAMSUNG ELECTRO MECHANICS CO., LTD." (and its Thailand unit), "SAMSUNG
# HEAVY INDUSTRIES CO., LTD.", "SAMSUNG TECHWIN CO.,LTD", "Samsung Semiconductor Inc.",
# "Samsung Thales", "Toshiba Samsung Storage Technolgoy Korea Corporation".
# Run with --ieee-dir /usr/share/ieee-data to print the check.
# --------------------------------------------------------------------------------------------
EXTRA = {
    "alibaba-cloud": {
        "domains": [
            # Alibaba Cloud service endpoint domain (e.g. oss-cn-hangzhou.aliyuncs.com for
            # Object Storage Service); cloud traffic to Alibaba Cloud resolves under it.
            "aliyuncs.com",
        ],
    },
    "hikvision": {
        "aliases": [
            # IEEE OUI registrant "Hangzhou Hikvision Digital Technology Co.,Ltd." (MA-L):
            # a leading whole-word prefix so it resolves by name even when "Co.,Ltd." is not
            # split into suffix words. Shortening of the organisation's own name.
            "Hangzhou Hikvision",
            # Common short name (already in the seed; kept here so the requirement is explicit).
            "Hikvision",
        ],
    },
    "dahua": {
        "aliases": [
            # Common short name (already in the seed).
            "Dahua",
            # Shortening of the FCC's "Dahua Technology Company"; with "Zhejiang Dahua
            # Technology Co., Ltd." (IEEE MA-L registrant, equal to the name) it covers the
            # spellings met in practice. Not added: "Shanghai Dahua Scale Factory" (MA-M),
            # an unrelated company.
            "Dahua Technology",
        ],
    },
    "hytera": {
        "aliases": [
            # Common short name (already in the seed).
            "Hytera",
            # IEEE MA-L registrant "Hytera Communications Co .,ltd": equals this alias after
            # the legal suffix is stripped. Shortening of the organisation's own name.
            "Hytera Communications",
        ],
    },
    # Android package prefixes for the Clean Store / Clean Apps check (cleannet apps check):
    # the resolver matches packages segment by segment, so "com.huawei" covers
    # com.huawei.appmarket. Every one is listed as unverified: no source read says the
    # organisation owns every package under the prefix (anyone can name a package so).
    "huawei": {
        "android_packages": [
            # Huawei's own HMS documentation names the HMS Core APK com.huawei.hwid
            # (https://pub.dev/documentation/huawei_hmsavailability/latest/huawei_hmsavailability/HmsApiAvailability/SERVICES_PACKAGE-constant.html,
            # publisher developer.huawei.com); AppGallery is com.huawei.appmarket.
            "com.huawei",
        ],
    },
    "baidu": {
        "android_packages": [
            # Baidu's Map SDK reference puts its classes under com.baidu.mapapi
            # (https://lbsyun.baidu.com/cms/androidsdk/doc/6.4.0/overview-summary.html; the
            # download page names the developer 北京百度网讯科技有限公司, Beijing Baidu Netcom).
            "com.baidu",
        ],
    },
    "tencent": {
        "android_packages": [
            # Tencent's Bugly SDK classes are com.tencent.bugly.* (BuglyDevTeam demo APKs,
            # ../shared/data/apps/MANIFEST.md section 5; Exodus tracker "Bugly"); WeChat is
            # com.tencent.mm (seed).
            "com.tencent",
        ],
    },
    "alibaba": {
        "android_packages": [
            # Alibaba's open-source Android libraries are published under com.alibaba
            # (e.g. com.alibaba:fastjson, com.alibaba.android:vlayout on Maven Central).
            "com.alibaba",
        ],
    },
    "taobao": {
        "android_packages": [
            # Taobao's app is com.taobao.taobao (UAD list and the staged Huawei third-party list).
            "com.taobao",
        ],
    },
    "bytedance": {
        "android_packages": [
            # Douyin com.ss.android.ugc.aweme and TikTok com.ss.android.ugc.trill are in the seed;
            # Toutiao (ByteDance's first app) is com.ss.android.article.news.
            "com.ss.android",
            "com.zhiliaoapp",
        ],
    },
    "zte": {
        "aliases": [
            # IEEE MA-L registrant "zte corporation" normalises to "zte". Already in the seed.
            "ZTE",
            # IEEE MA-L 00:D0:D0 registrant "ZHONGXING TELECOM LTD." (ieee-data of 2022-08-27,
            # oui.csv): ZTE's earlier English name, "Zhongxing Telecommunication Equipment
            # Corporation" shortened (ZTE Corporation, "Formerly: Zhongxing Telecommunication
            # Equipment Corporation", en.wikipedia.org/wiki/ZTE, read 2026-12-06).
            "Zhongxing Telecom",
            # IEEE MA-M AC:64:DD:5 registrant "SHANGHAI ZTE TECHNOLOGIES CO.,LTD" (ieee-data of
            # 2022-08-27, mam.csv), registered at "ZTE H Block", 889 Bibo Road, Zhangjiang
            # Hi-Tech Park, Shanghai: ZTE's Shanghai R&D centre. The FCC Covered List entry
            # for ZTE extends to its subsidiaries and affiliates (DA 21-309).
            "Shanghai ZTE Technologies",
        ],
    },
}

# Kinds the seed leaves empty where the format has a fitting value.
KINDS_OVERRIDE = {
    # The seed gives the PRC state ownership anchor kinds []; the format's vocabulary has "state".
    "prc-state": ["state"],
}

# Seed identifier field -> format identifier key (order = output order).
IDENTIFIER_KEYS = [
    ("asns", "asns"),
    ("domains", "domains"),
    ("android_package_prefixes", "android_packages"),
]
# unverified_fields values that name identifier kinds.
UNVERIFIED_IDENTIFIER_MAP = {
    "asns": "asns",
    "prefixes": "prefixes",
    "ouis": "ouis",
    "domains": "domains",
    "android_package_prefixes": "android_packages",
    "android_packages": "android_packages",
    "sdk_prefixes": "sdk_prefixes",
    "cert_sha256": "cert_sha256",
}

# Format vocabulary (docs/registry-format.md), used by the validation.
KINDS = {"vendor", "carrier", "cloud", "cable-supplier", "cable-owner", "app-publisher",
         "device-maker", "sdk", "state"}
KEYS_TOP = {"schema", "list", "criterion", "organisation"}
KEYS_LIST = {"name", "issuer", "url", "description"}
KEYS_CRITERION = {"id", "framework", "text", "basis", "source_url", "decisive"}
KEYS_ORG = {"id", "name", "aliases", "country", "kinds", "parent", "parent_verified", "notes",
            "identifiers", "designation", "asn_evidence", "assessment"}
KEYS_IDENT = {"asns", "prefixes", "ouis", "domains", "android_packages", "sdk_prefixes",
              "cert_sha256", "unverified"}
KEYS_DESIG = {"list", "status", "date", "until", "source_url", "quote", "verified", "note"}
KEYS_ASNEV = {"asn", "as_name", "registrant", "registry_cc", "source_url", "verified", "note"}
SEED_ORG_KEYS = {"id", "name", "aliases", "country", "kinds", "parent", "parent_verified",
                 "asns", "domains", "android_package_prefixes", "designations", "asn_evidence",
                 "unverified_fields", "notes"}


class SeedError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Staged list updates (issue 17): ../shared/data/registry/updates-2026-12/additions.json and
# source_replacements.json, read fully and applied to the seed before conversion, so that the
# output stays a function of the input files and the tables below.
# --------------------------------------------------------------------------------------------
UPDATES_SUBDIR = "updates-2026-12"
UPDATES_DISPLAY = SEED_DIR_DISPLAY + "/" + UPDATES_SUBDIR
# The project's own sources.md (copied from the seed's, then extended for the lists below).
REPO_SOURCES = os.path.join(REPO, "data", "registry", "sources.md")

# [[list]] metadata for the lists that additions.json introduces. Each url must occur in
# data/registry/sources.md and in the staged additions.json (so it is traceable to what the
# research read); the descriptions say when that url is secondary or was not read itself.
NEW_LISTS = [
    {
        "name": "US DoD Section 1260H list",
        "issuer": "U.S. Department of Defense (\"Chinese military companies\" under section "
                  "1260H)",
        "url": "https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-ACCORDANCE-WITH-SECTION-1260H.PDF",
        "description": "Entities identified as Chinese military companies operating in the "
                       "United States; editions 2021-06-03, 2022-10-05, 2024-01-31, "
                       "2024-10-23, 2025-01-07 and 2026-06-08 (91 FR 35189). Each designation "
                       "is dated by the edition that lists the entity; the facts were read in "
                       "OpenSanctions' transcription of the DoD PDFs (the PDF at this url was "
                       "not read itself), as each note says.",
    },
    {
        "name": "UK designated vendor direction (Telecommunications (Security) Act 2021)",
        "issuer": "UK Government (designation notice and designated vendor directions under "
                  "the Telecommunications (Security) Act 2021)",
        "url": "https://www.gov.uk/government/publications/targeted-consultations-on-proposed-designated-vendor-direction-and-designation-notice",
        "description": "Designation notice to Huawei and designated vendor directions to 35 "
                       "public communications providers (2022-10-13): Huawei out of 5G "
                       "networks by the end of 2027.",
    },
    {
        "name": "Germany 5G operator contracts (BMI, 2024)",
        "issuer": "German Federal Ministry of the Interior (BMI)",
        "url": "https://bmi.bund.de/SharedDocs/pressemitteilungen/EN/2024/07/5g-en.html",
        "description": "Public-law contracts with the mobile network operators (2024-07-11): "
                       "critical Huawei and ZTE components out of the 5G core networks by the "
                       "end of 2026, management-system functions replaced by the end of 2029.",
    },
    {
        "name": "Sweden PTS 5G licence conditions (2020)",
        "issuer": "Swedish Post and Telecom Authority (PTS)",
        "url": "https://computersweden.idg.se/2.2683/1.741371/huawei-stangs-ute-5g",
        "description": "Licence conditions of the 3.5 GHz and 2.3 GHz auctions (2020-10-20) "
                       "excluding Huawei and ZTE products from new central functions; URL is "
                       "trade press quoting the PTS press release (the release was not read).",
    },
    {
        "name": "EU Commission 5G Toolbox communication (2023)",
        "issuer": "European Commission",
        "url": "https://digital-strategy.ec.europa.eu/nl/news-redirect/791526",
        "description": "Communication on the implementation of the 5G cybersecurity Toolbox "
                       "(2023-06-15), naming Huawei and ZTE; the 'materially higher risks' "
                       "conclusion was read only in press reproductions.",
    },
    {
        "name": "Protecting Americans from Foreign Adversary Controlled Applications Act "
                "(Pub. L. 118-50)",
        "issuer": "U.S. Congress (signed into law 2024-04-24)",
        "url": "https://www.thompsonhinesmartrade.com/2024/04/president-biden-signs-law-that-includes-provisions-to-ban-tiktok-from-the-united-states/",
        "description": "The TikTok divest-or-ban law of 2024-04-24; URL is a law-firm note "
                       "(secondary). Nothing after January 2025 was recorded.",
    },
]

# source_replacements.json entries that are not a better source for one seed designation.
# Keyed by the entry's "list" value; each is applied as the comment says, and the script fails
# if the staged file gains an entry of a kind it does not know.
NOT_REPLACEMENTS = {
    # Exemption text of the drone entry: scope of the FCC Covered List designation of
    # 2025-12-22 (not a designation itself), so it goes into that designation's note.
    "FCC Covered List (UAS exemptions)": ("scope", "FCC Covered List", "2025-12-22"),
    # The equipment-authorization ban applies to everything on the Covered List: recorded in
    # the note of each named organisation's FCC Covered List designation of 2021-03-12.
    "FCC equipment authorization prohibition (FCC 22-84)": ("scope", "FCC Covered List",
                                                           "2021-03-12"),
}
# Entries with replaces = null: the staged note says what they are.
#   ("US Commerce Entity List", "2019-10-09"): the designation itself is in additions.json
#   (checked: it is there and its note cites the same document).
#   ("Executive Order 13942/13943", "2020-08-06"): EO 14034 revoked both orders; not a
#   replacement but the end of the designation (ENDS below).
ALREADY_ADDED = {("US Commerce Entity List", "2019-10-09")}
# list -> (until, the source_replacements entry (list, date) whose source and quote cite the
# end). Applies to every designation on that list (ByteDance for EO 13942, Tencent for EO
# 13943); the staged note must state the date.
ENDS = {
    "Executive Order 13942/13943": ("2021-06-09", ("Executive Order 13942/13943",
                                                   "2020-08-06")),
}

# Staged aliases and seed aliases that would make one normalised name belong to two
# organisations (registry check rejects that, and the resolver must not guess). Each pair is
# (organisation id, alias) dropped, with the reason.
ALIAS_DROPS = {
    # The seed's china-telecom (China Telecom Corporation Limited) keeps "China Telecom";
    # the group's legal name already matches "China Telecom Group ...".
    ("china-telecom-group", "China Telecom"): "already an alias of china-telecom (seed)",
    # The seed gave the listed operator the alias "China Telecom Group"; additions.json makes
    # China Telecom Group Co., Ltd. an organisation of its own, whose name it is.
    ("china-telecom", "China Telecom Group"): "now the name of china-telecom-group",
    # The legal name China Mobile Limited (a new organisation, the group's listed company)
    # normalises to "china mobile"; the seed's short name for the group gives way to it.
    ("china-mobile", "China Mobile"): "the normalised name of china-mobile-limited",
}

# Staged new organisations that cannot be organisations of their own: their legal name
# normalises to the name of an existing one, so a name lookup would depend on load order
# (registry check rejects it). Their designations, name (as an alias) and notes go to the
# existing organisation, and its notes say so.
FOLD_INTO = {
    # "Kaspersky Lab, Inc." and the seed's "AO Kaspersky Lab" both normalise to "kaspersky
    # lab". The FCC's 2022 entry for AO Kaspersky Lab covers its "predecessors, successors,
    # parents, subsidiaries, or affiliates"; the staged data does not state the link between
    # the two, so the folded note says it is not verified.
    "kaspersky-lab-inc": "kaspersky",
}

# Names a new user types (issue 17): each must match the organisation by name or alias. The
# staged additions give every one of them as an alias (TP-Link, Quectel, Inspur, SMIC), so no
# alias is added here; the check keeps it that way.
REQUIRED_NAME_MATCHES = {"TP-Link": "tp-link", "Quectel": "quectel", "Inspur": "inspur",
                         "SMIC": "smic", "Kaspersky Lab, Inc.": "kaspersky",
                         "Digitalsystem Technology Inc.": "digitalsystem-technology"}

ADDITION_KEYS = SEED_ORG_KEYS | {"merge_into_existing"}
DESIG_KEYS = {"list", "status", "date", "until", "source_url", "quote", "verified", "note"}


def _replaces_prefixes(replaces: str | None) -> list[str]:
    """'https://a/... ; https://b' -> ['https://a/', 'https://b'] (a trailing ... abbreviates)."""
    if not replaces:
        return []
    out = []
    for part in replaces.split(" ; "):
        part = part.strip()
        if part.endswith("..."):
            part = part[:-3]
        if part.startswith("http"):
            out.append(part)
    return out


def apply_updates(orgs_json: list, additions: list, replacements: list,
                  log: list[str]) -> list:
    """The seed with the staged additions and source replacements applied, in the seed's
    shape: seed organisations in seed order, then the new ones in staged order."""
    import copy
    orgs = copy.deepcopy(orgs_json)
    by_id = {o["id"]: o for o in orgs}
    new_orgs = []
    for e in additions:
        unknown = set(e) - ADDITION_KEYS
        if unknown:
            raise SeedError(f"additions.json {e.get('id')}: unknown keys {sorted(unknown)}")
        for d in e["designations"]:
            if set(d) - DESIG_KEYS:
                raise SeedError(f"additions.json {e['id']}: designation keys "
                                f"{sorted(set(d) - DESIG_KEYS)}")
        if e["id"] in FOLD_INTO:
            o = by_id[FOLD_INTO[e["id"]]]
            o["aliases"] = dedupe(o["aliases"] + [e["name"]] + list(e["aliases"]))
            for d in e["designations"]:
                o["designations"].append(dict(d))
            note = (f"{UPDATES_SUBDIR}: {e['name']} is recorded on this organisation, not "
                    f"as its own (staged id {e['id']}; staged country {e['country']}, "
                    f"unverified: {', '.join(e.get('unverified_fields', []))}): its name "
                    f"normalises to this organisation's name ({SCRIPT_DISPLAY}, FOLD_INTO); "
                    f"the link between the two is not verified. Staged note: {e['notes']}")
            o["notes"] = f"{o['notes']} {note}" if o.get("notes") else note
            log.append(f"{e['id']}: folded into {o['id']} (same normalised name)")
            continue
        if e.get("merge_into_existing"):
            o = by_id.get(e["id"])
            if o is None:
                raise SeedError(f"additions.json: merge into unknown id {e['id']!r}")
            for k in ("asns", "domains", "android_package_prefixes", "kinds"):
                if e.get(k):
                    raise SeedError(f"additions.json {e['id']}: merge carries {k}, not handled")
            if e["country"] != o["country"]:
                raise SeedError(f"additions.json {e['id']}: merge changes country")
            if e["name"] != o["name"]:
                # autel-robotics: a proposed legal name; the seed's name stays, the staged
                # name is kept as an alias so the 1260H spelling matches.
                log.append(f"{e['id']}: staged name {e['name']!r} kept as alias, "
                           f"name stays {o['name']!r}")
                o["aliases"] = dedupe(o["aliases"] + [e["name"]])
            o["aliases"] = dedupe(o["aliases"] + list(e["aliases"]))
            if e.get("parent") is not None:
                # Proposed parents follow the 1260H list's grouping: applied, unverified.
                if e.get("parent_verified") is not False:
                    raise SeedError(f"additions.json {e['id']}: proposed parent not marked "
                                    "parent_verified = false")
                if o.get("parent") not in (None, e["parent"]):
                    log.append(f"{e['id']}: parent {o['parent']!r} -> {e['parent']!r} "
                               "(proposed, unverified)")
                o["parent"] = e["parent"]
                o["parent_verified"] = False
            for d in e["designations"]:
                if d in o["designations"]:
                    raise SeedError(f"additions.json {e['id']}: designation already in seed")
                o["designations"].append(dict(d))
            note = re.sub(r"^MERGE[:.]\s*", "", e.get("notes") or "")
            if note:
                note = f"{UPDATES_SUBDIR}: {note}"
                o["notes"] = f"{o['notes']} {note}" if o.get("notes") else note
        else:
            if e["id"] in by_id:
                raise SeedError(f"additions.json: new organisation {e['id']!r} exists")
            o = {k: copy.deepcopy(v) for k, v in e.items() if k != "merge_into_existing"}
            o.setdefault("asn_evidence", [])
            if o.get("parent") is None:
                o.pop("parent", None)
            by_id[o["id"]] = o
            new_orgs.append(o)
    orgs += new_orgs

    for (oid, alias), why in ALIAS_DROPS.items():
        o = by_id[oid]
        if alias not in o["aliases"]:
            raise SeedError(f"ALIAS_DROPS: {oid} has no alias {alias!r}")
        o["aliases"] = [a for a in o["aliases"] if a != alias]
        log.append(f"{oid}: alias {alias!r} dropped ({why})")
        note = f"Alias {alias!r} not kept: {why} ({SCRIPT_DISPLAY}, ALIAS_DROPS)."
        o["notes"] = f"{o['notes']} {note}" if o.get("notes") else note

    ends_by_entry = {v[1]: (lst, v[0]) for lst, v in ENDS.items()}
    for r in replacements:
        if set(r) != {"ids", "list", "date", "replaces", "source_url", "quote", "source_kind",
                      "note"}:
            raise SeedError(f"source_replacements.json: keys {sorted(r)}")
        key = (r["list"], r["date"])
        if r["list"] in NOT_REPLACEMENTS:
            _, lst, date = NOT_REPLACEMENTS[r["list"]]
            for oid in r["ids"]:
                ds = [d for d in by_id[oid]["designations"]
                      if d["list"] == lst and d.get("date") == date]
                if len(ds) != 1:
                    raise SeedError(f"{r['list']}: {oid} has {len(ds)} {lst} {date}")
                text = (f"{r['list']} ({UPDATES_SUBDIR}, {r['source_kind']}, {r['date']}): "
                        f"\"{r['quote']}\" {r['source_url']} {r['note']}")
                ds[0]["note"] = f"{ds[0]['note']} {text}" if ds[0].get("note") else text
            continue
        if r["replaces"] is None:
            if key in ALREADY_ADDED:
                for oid in r["ids"]:
                    ds = [d for d in by_id[oid]["designations"]
                          if d["list"] == r["list"] and d.get("date") == r["date"]
                          and r["source_url"].rstrip("/").rsplit("/", 1)[0] in (d.get("note") or "")]
                    if len(ds) != 1:
                        raise SeedError(f"{key}: {oid}: expected the additions.json "
                                        "designation citing the same document")
                continue
            if key in ends_by_entry:
                lst, until = ends_by_entry[key]
                if until not in r["note"]:
                    raise SeedError(f"{key}: the staged note does not state {until}")
                hit = 0
                for o in orgs:
                    for d in o["designations"]:
                        if d["list"] == lst:
                            d["until"] = until
                            text = (f"Ended {until}: Executive Order 14034 revoked it "
                                    f"(\"{r['quote']}\", {r['source_url']}; "
                                    f"{UPDATES_SUBDIR}).")
                            d["note"] = f"{d['note']} {text}" if d.get("note") else text
                            hit += 1
                log.append(f"{lst}: until {until} on {hit} designations")
                continue
            raise SeedError(f"source_replacements.json: {key} replaces nothing and is not "
                            "handled")
        prefixes = _replaces_prefixes(r["replaces"])
        for oid in r["ids"]:
            cands = [d for d in by_id[oid]["designations"]
                     if d["list"] == r["list"] and d.get("date") == r["date"]]
            chosen = [d for d in cands
                      if any(d["source_url"].startswith(p) for p in prefixes)]
            if len(chosen) > 1:
                raise SeedError(f"{key} {oid}: replaces matches {len(chosen)} designations")
            if not chosen:
                if len(cands) != 1:
                    raise SeedError(f"{key} {oid}: {len(cands)} candidates, none cites "
                                    f"{r['replaces']!r}")
                chosen = cands
                log.append(f"{oid} {key}: replaces {r['replaces']!r} but the seed cites "
                           f"{cands[0]['source_url']}; replaced by (id, list, date)")
            d = chosen[0]
            old = d["source_url"]
            d["source_url"] = r["source_url"]
            d["quote"] = r["quote"]
            text = (f"Source replaced ({UPDATES_SUBDIR}, {r['source_kind']}); "
                    f"previously cited: {old} . {r['note']}")
            d["note"] = f"{d['note']} {text}" if d.get("note") else text
    return orgs


# ---------------------------------------------------------------------------------- TOML out
def toml_str(s: str) -> str:
    """A TOML basic string: escape backslash, quote and control characters; keep UTF-8."""
    if not isinstance(s, str):
        raise SeedError(f"expected a string, got {s!r}")
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\u{o:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise SeedError(f"cannot write {v!r} as TOML")


def kv(key: str, value) -> str:
    return f"{key} = {toml_value(value)}"


def comment(text: str) -> list[str]:
    """Comment lines; never let a newline escape the comment."""
    return ["# " + line if line else "#" for line in text.split("\n")]


# ---------------------------------------------------------------------------------- inputs
def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def parse_date(s, where: str):
    if s is None:
        return None
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise SeedError(f"{where}: date {s!r} is not YYYY-MM-DD")
    return datetime.date.fromisoformat(s)


def split_row(line: str) -> list[str]:
    line = line.strip()
    if not (line.startswith("|") and line.endswith("|")):
        raise SeedError(f"not a table row: {line!r}")
    return [c.strip() for c in line[1:-1].split("|")]


def parse_criteria(text: str) -> list[dict]:
    """Every row of every table in criteria.md, with its section's framework and Source URL."""
    criteria = []
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    for sec in sections:
        heading = sec.split("\n", 1)[0].strip()
        framework = next((fw for key, fw in FRAMEWORKS if heading.startswith(key)), None)
        lines = sec.split("\n")
        table_start = next((i for i, l in enumerate(lines) if l.startswith("| id |")), None)
        if table_start is None:
            continue  # e.g. "Using the criteria"
        if framework is None:
            raise SeedError(f"criteria.md: table in unknown section {heading!r}")
        m = re.search(r"^(?:Source|Sources read):\s*(\S+)", sec, flags=re.M)
        if not m:
            raise SeedError(f"criteria.md: no Source URL in section {heading!r}")
        source_url = m.group(1).rstrip(" ;")
        header = split_row(lines[table_start])
        try:
            i_id = header.index("id")
            i_text = header.index("criterion (paraphrase)")
            i_basis = header.index("basis")
        except ValueError as e:
            raise SeedError(f"criteria.md: unexpected table header {header!r}") from e
        for line in lines[table_start + 2:]:
            if not line.startswith("|"):
                break
            cells = split_row(line)
            if len(cells) != len(header):
                raise SeedError(f"criteria.md: row has {len(cells)} cells: {line!r}")
            basis = cells[i_basis]
            if basis not in ("read", "summary", "recall"):
                raise SeedError(f"criteria.md: basis {basis!r} in {line!r}")
            criteria.append({
                "id": cells[i_id],
                "framework": framework,
                "text": cells[i_text],
                "basis": basis,
                "source_url": source_url,
            })
    return criteria


def check_decisive_rule(text: str) -> None:
    m = re.search(r"reasonable default rule:(.*?)gives `untrusted`", text, flags=re.S)
    if not m:
        raise SeedError("criteria.md: the 'reasonable default rule' was not found")
    named = re.findall(r"[A-Z]+-[A-Za-z0-9]+(?:-[a-z])?", m.group(1))
    if named != DECISIVE:
        raise SeedError(f"criteria.md: default rule names {named}, script expects {DECISIVE}")


def check_lists_against_sources(sources_text: str, seed_lists: list[str]) -> None:
    names = [l["name"] for l in LISTS]
    if len(set(names)) != len(names):
        raise SeedError("LISTS has a duplicate name")
    missing = [n for n in seed_lists if n not in names]
    if missing:
        raise SeedError(f"seed designation lists without [[list]] metadata: {missing}")
    unused = [n for n in names if n not in seed_lists and n not in FRAMEWORK_LISTS]
    if unused:
        raise SeedError(f"LISTS entries that no designation uses: {unused}")
    for l in LISTS:
        if l["url"] not in sources_text:
            raise SeedError(f"list {l['name']!r}: url {l['url']} does not occur in sources.md")


def check_new_lists(repo_sources_text: str, additions_text: str, used: list[str]) -> None:
    """NEW_LISTS checked like LISTS: every list additions.json uses has metadata, none is
    unused, names are unique, and each url occurs in data/registry/sources.md and in the
    staged additions.json."""
    names = [l["name"] for l in LISTS + NEW_LISTS]
    if len(set(names)) != len(names):
        raise SeedError("LISTS + NEW_LISTS has a duplicate name")
    missing = [n for n in used if n not in names]
    if missing:
        raise SeedError(f"additions.json lists without [[list]] metadata: {missing}")
    unused = [l["name"] for l in NEW_LISTS if l["name"] not in used]
    if unused:
        raise SeedError(f"NEW_LISTS entries that no designation uses: {unused}")
    for l in NEW_LISTS:
        if l["url"] not in repo_sources_text:
            raise SeedError(f"list {l['name']!r}: url {l['url']} does not occur in "
                            "data/registry/sources.md")
        if l["url"] not in additions_text:
            raise SeedError(f"list {l['name']!r}: url {l['url']} does not occur in "
                            "additions.json")


# ---------------------------------------------------------------------------------- organisations
def dedupe(items: list) -> list:
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def convert_org(o: dict, new: bool = False) -> tuple[dict, dict[str, list[str]]]:
    """Returns the organisation as ordered data plus a list of comment lines for EXTRA."""
    oid = o["id"]
    unknown = set(o) - SEED_ORG_KEYS
    if unknown:
        raise SeedError(f"{oid}: seed keys this script does not know: {sorted(unknown)}")
    extra = EXTRA.get(oid, {})
    extra_notes: dict[str, list[str]] = {}  # output key -> comment lines placed above it

    org: dict = {"id": oid, "name": o["name"]}
    added_aliases = [a for a in extra.get("aliases", []) if a not in o["aliases"]]
    org["aliases"] = dedupe(list(o["aliases"]) + added_aliases)
    if added_aliases:
        extra_notes["aliases"] = ["EXTRA (" + SCRIPT_DISPLAY + "): alias "
                                  + ", ".join(f'"{a}"' for a in added_aliases)
                                  + " added for IEEE OUI registrant name matching;"
                                  " not in the seed"]
    org["country"] = o["country"]
    kinds = list(o["kinds"])
    if not kinds and oid in KINDS_OVERRIDE:
        kinds = list(KINDS_OVERRIDE[oid])
        extra_notes["kinds"] = ["KINDS_OVERRIDE (" + SCRIPT_DISPLAY + "): the seed has"
                                " kinds = []"]
    org["kinds"] = kinds
    if o.get("parent") is not None:
        org["parent"] = o["parent"]
    if "parent_verified" in o:
        org["parent_verified"] = o["parent_verified"]

    # Identifiers and the unverified list.
    ident: dict = {}
    for seed_key, key in IDENTIFIER_KEYS:
        vals = list(o.get(seed_key) or [])
        added = [v for v in extra.get(key, []) if v not in vals]
        if added:
            extra_notes[key] = ["EXTRA (" + SCRIPT_DISPLAY + "): "
                                + ", ".join(toml_value(v) for v in added)
                                + " added; not in the seed, so listed as unverified"]
        vals = dedupe(vals + added)
        if vals:
            ident[key] = vals
    for key in extra:
        if key != "aliases" and key not in [k for _, k in IDENTIFIER_KEYS]:
            raise SeedError(f"EXTRA[{oid!r}] has unsupported key {key!r}")

    unverified_idents: list[str] = []
    unverified_other: list[str] = []
    for f in o.get("unverified_fields", []):
        if f in UNVERIFIED_IDENTIFIER_MAP and UNVERIFIED_IDENTIFIER_MAP[f] in ident:
            unverified_idents.append(UNVERIFIED_IDENTIFIER_MAP[f])
        else:
            # Not an identifier kind (name, country, parent, aliases, kinds, ...) or an
            # identifier kind without values: keep it in the notes instead of dropping it.
            unverified_other.append(f)
    for seed_key, key in IDENTIFIER_KEYS:
        # An identifier kind that EXTRA adds values to is unverified for this organisation.
        if any(v not in (o.get(seed_key) or []) for v in extra.get(key, [])):
            unverified_idents.append(key)
    unverified_idents = dedupe(unverified_idents)
    if ident and unverified_idents:
        ident["unverified"] = unverified_idents

    notes = o.get("notes")
    if unverified_other:
        origin = "the staged additions" if new else "the seed"
        sentence = f"Unverified fields in {origin}: " + ", ".join(unverified_other) + "."
        notes = f"{notes} {sentence}" if notes else sentence
    if notes is not None:
        org["notes"] = notes
    if ident:
        org["identifiers"] = ident

    # Designations.
    desigs = []
    for i, d in enumerate(o["designations"]):
        where = f"{oid} designation {i}"
        unknown = set(d) - {"list", "status", "date", "until", "source_url", "quote",
                            "verified", "note"}
        if unknown:
            raise SeedError(f"{where}: unknown keys {sorted(unknown)}")
        out = {"list": d["list"], "status": d["status"]}
        date = parse_date(d.get("date"), where)
        if date is not None:
            out["date"] = date
        until = parse_date(d.get("until"), where)
        if until is not None:
            out["until"] = until
        for k in ("source_url", "quote"):
            if d.get(k) is not None:
                out[k] = d[k]
        out["verified"] = d["verified"]
        if d.get("note") is not None:
            out["note"] = d["note"]
        desigs.append(out)
    org["designation"] = desigs

    evs = []
    for i, e in enumerate(o.get("asn_evidence", [])):
        unknown = set(e) - KEYS_ASNEV
        if unknown:
            raise SeedError(f"{oid} asn_evidence {i}: unknown keys {sorted(unknown)}")
        evs.append({k: e[k] for k in ("asn", "as_name", "registrant", "registry_cc",
                                      "source_url", "verified", "note")
                    if e.get(k) is not None})
    org["asn_evidence"] = evs
    return org, extra_notes


def render(seed_dir: str, orgs_json: list, criteria: list[dict], hashes: dict,
           new_ids: set[str]) -> str:
    L: list[str] = ["schema = 1", ""]
    L += comment(
        f"Generated by {SCRIPT_DISPLAY} from {SEED_DIR_DISPLAY}/organisations.json\n"
        f"(sha256 {hashes['organisations.json']}),\n"
        f"with [[list]] descriptions from {SEED_DIR_DISPLAY}/sources.md\n"
        f"(sha256 {hashes['sources.md']})\n"
        f"and [[criterion]] entries from {SEED_DIR_DISPLAY}/criteria.md\n"
        f"(sha256 {hashes['criteria.md']}),\n"
        f"updated with {UPDATES_DISPLAY}/additions.json\n"
        f"(sha256 {hashes['additions.json']})\n"
        f"and {UPDATES_DISPLAY}/source_replacements.json\n"
        f"(sha256 {hashes['source_replacements.json']}):\n"
        "new organisations follow the seed's, merged designations follow the seed's own,\n"
        "and a replaced source keeps the previous url in the designation's note.\n"
        "It may be hand-edited after generation; regenerating overwrites hand edits.\n"
        "Additions that are not in the seed (EXTRA aliases/identifiers, kinds overrides,\n"
        "placeholder criteria) are marked with comments. verified = false means a value was\n"
        "recorded but no source read for the seed supports it. Format: docs/registry-format.md."
    )
    L.append("")

    # Lists.
    L += comment("---- Designation lists (sources.md) ----")
    for l in LISTS + NEW_LISTS:
        L.append("")
        if l is NEW_LISTS[0]:
            L += comment(f"Lists added with {UPDATES_DISPLAY}/additions.json "
                         "(data/registry/sources.md).")
        if l["name"] in FRAMEWORK_LISTS:
            L += comment("Criteria framework: names no supplier; no designation uses it.")
        L.append("[[list]]")
        for k in ("name", "issuer", "url", "description"):
            L.append(kv(k, l[k]))
    L.append("")

    # Criteria.
    L += comment("---- Assessment criteria (criteria.md) ----\n"
                 "decisive = true follows the \"reasonable default rule\" in criteria.md "
                 "(a project choice).")
    for c in criteria:
        L.append("")
        if c["basis"] == "placeholder":
            L += comment("Placeholder added by " + SCRIPT_DISPLAY
                         + ": marks missing criteria, do not assess against it.")
        elif c["basis"] == "recall":
            L += comment("basis recall: not confirmed against the primary text; check before "
                         "relying on it.")
        L.append("[[criterion]]")
        for k in ("id", "framework", "text", "basis", "source_url", "decisive"):
            L.append(kv(k, c[k]))
    L.append("")

    # Organisations.
    L += comment("---- Organisations (organisations.json, in seed order; then the new ones of "
                 "additions.json, in its order) ----")
    for o in orgs_json:
        org, extra_notes = convert_org(o, o["id"] in new_ids)
        L.append("")
        if o["id"] in new_ids and o is next(x for x in orgs_json if x["id"] in new_ids):
            L += comment(f"---- New organisations from {UPDATES_DISPLAY}/additions.json ----")
            L.append("")
        L.append("[[organisation]]")
        for k in ("id", "name", "aliases", "country", "kinds", "parent", "parent_verified",
                  "notes"):
            if k in org:
                for n in extra_notes.get(k, []):
                    L += comment(n)
                L.append(kv(k, org[k]))
        if "identifiers" in org:
            L.append("")
            L.append("[organisation.identifiers]")
            for k in ("asns", "domains", "android_packages", "unverified"):
                if k in org["identifiers"]:
                    for n in extra_notes.get(k, []):
                        L += comment(n)
                    L.append(kv(k, org["identifiers"][k]))
        for d in org["designation"]:
            L.append("")
            L.append("[[organisation.designation]]")
            for k in ("list", "status", "date", "until", "source_url", "quote", "verified",
                      "note"):
                if k in d:
                    L.append(kv(k, d[k]))
        for e in org["asn_evidence"]:
            L.append("")
            L.append("[[organisation.asn_evidence]]")
            for k in ("asn", "as_name", "registrant", "registry_cc", "source_url", "verified",
                      "note"):
                if k in e:
                    L.append(kv(k, e[k]))
    L.append("")
    return "\n".join(L)


# ---------------------------------------------------------------------------------- validation
def validate(toml_text: str, orgs_json: list, criteria: list[dict]) -> list[str]:
    errors: list[str] = []
    try:
        doc = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as e:
        return [f"output does not parse as TOML: {e}"]

    def unknown(where, table, allowed):
        extra = set(table) - allowed
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")

    unknown("top level", doc, KEYS_TOP)
    if doc.get("schema") != 1:
        errors.append("schema is not 1")

    lists = doc.get("list", [])
    list_names = [l.get("name") for l in lists]
    for l in lists:
        unknown(f"list {l.get('name')!r}", l, KEYS_LIST)
    if len(set(list_names)) != len(list_names):
        errors.append("duplicate [[list]] name")

    crits = doc.get("criterion", [])
    crit_ids = [c.get("id") for c in crits]
    if len(set(crit_ids)) != len(crit_ids):
        errors.append("duplicate [[criterion]] id")
    for c in crits:
        unknown(f"criterion {c.get('id')!r}", c, KEYS_CRITERION)
        if c.get("framework") not in ("Prague Proposals", "CSIS", "EU 5G Toolbox"):
            errors.append(f"criterion {c.get('id')}: framework {c.get('framework')!r}")
        if c.get("basis") not in ("read", "summary", "recall", "placeholder"):
            errors.append(f"criterion {c.get('id')}: basis {c.get('basis')!r}")
        if c.get("decisive") is not (c.get("id") in DECISIVE):
            errors.append(f"criterion {c.get('id')}: decisive is wrong")
    if [c["id"] for c in criteria] != crit_ids:
        errors.append("criteria do not round-trip")
    else:
        for want, got in zip(criteria, crits):
            if want != got:
                errors.append(f"criterion {want['id']} does not round-trip")

    orgs = doc.get("organisation", [])
    if len(orgs) != len(orgs_json):
        errors.append(f"{len(orgs)} organisations written, seed has {len(orgs_json)}")
    ids = [o.get("id") for o in orgs]
    if len(set(ids)) != len(ids):
        errors.append("duplicate organisation id")
    idset = set(ids)
    claims: dict = {}
    for seed, o in zip(orgs_json, orgs):
        oid = o.get("id")
        where = f"organisation {oid!r}"
        unknown(where, o, KEYS_ORG)
        if oid != seed["id"]:
            errors.append(f"{where}: order differs from the seed ({seed['id']!r})")
            continue
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", oid):
            errors.append(f"{where}: id does not match [a-z0-9][a-z0-9-]*")
        if o.get("name") != seed["name"]:
            errors.append(f"{where}: name changed")
        extra = EXTRA.get(oid, {})
        if o.get("aliases") != dedupe(seed["aliases"] + extra.get("aliases", [])):
            errors.append(f"{where}: aliases do not round-trip")
        if o.get("country") != seed["country"] or not re.fullmatch(r"[A-Z]{2}", o["country"]):
            errors.append(f"{where}: country")
        want_kinds = seed["kinds"] or KINDS_OVERRIDE.get(oid, [])
        if o.get("kinds") != want_kinds:
            errors.append(f"{where}: kinds do not round-trip")
        for k in o.get("kinds", []):
            if k not in KINDS:
                errors.append(f"{where}: kind {k!r} not in the format vocabulary")
        if o.get("parent") != seed.get("parent"):
            errors.append(f"{where}: parent does not round-trip")
        if o.get("parent") is not None and o["parent"] not in idset:
            errors.append(f"{where}: parent {o['parent']!r} does not exist")
        if o.get("parent") == oid:
            errors.append(f"{where}: is its own parent")
        if o.get("parent_verified") != seed.get("parent_verified"):
            errors.append(f"{where}: parent_verified does not round-trip")
        if seed.get("notes") and not o.get("notes", "").startswith(seed["notes"]):
            errors.append(f"{where}: notes lost")
        ident = o.get("identifiers", {})
        unknown(f"{where} identifiers", ident, KEYS_IDENT)
        for seed_key, key in IDENTIFIER_KEYS:
            want = dedupe(list(seed.get(seed_key) or []) + extra.get(key, []))
            if ident.get(key, []) != want:
                errors.append(f"{where}: identifiers.{key} do not round-trip")
        m = re.search(r"Unverified fields in the (?:seed|staged additions): ([^.]*)\.$",
                      o.get("notes", ""))
        in_notes = m.group(1).split(", ") if m else []
        for f in seed.get("unverified_fields", []):
            mapped = UNVERIFIED_IDENTIFIER_MAP.get(f)
            if mapped not in ident.get("unverified", []) and f not in in_notes:
                errors.append(f"{where}: unverified field {f!r} lost")
        for key in ("domains", "asns", "android_packages"):
            if extra.get(key) and key not in ident.get("unverified", []):
                errors.append(f"{where}: EXTRA {key} not listed as unverified")
        for u in ident.get("unverified", []):
            if u not in ident:
                errors.append(f"{where}: unverified names absent kind {u!r}")
        # designations
        ds = o.get("designation", [])
        if len(ds) != len(seed["designations"]):
            errors.append(f"{where}: designation count differs")
        for sd, d in zip(seed["designations"], ds):
            unknown(f"{where} designation", d, KEYS_DESIG)
            if d.get("list") not in list_names:
                errors.append(f"{where}: designation list {d.get('list')!r} is not a [[list]]")
            if d.get("status") not in ("trusted", "untrusted"):
                errors.append(f"{where}: status {d.get('status')!r}")
            for k in ("list", "status", "source_url", "quote", "verified", "note"):
                if d.get(k) != sd.get(k):
                    errors.append(f"{where}: designation {k} does not round-trip")
            if sd["verified"] is False and d.get("verified") is not False:
                errors.append(f"{where}: verified false became true")
            want_date = sd.get("date")
            got_date = d.get("date")
            if want_date is None:
                if got_date is not None:
                    errors.append(f"{where}: date invented")
            elif not isinstance(got_date, datetime.date) or got_date.isoformat() != want_date:
                errors.append(f"{where}: date does not round-trip")
        evs = o.get("asn_evidence", [])
        want_evs = [{k: v for k, v in e.items() if v is not None}
                    for e in seed.get("asn_evidence", [])]
        if evs != want_evs:
            errors.append(f"{where}: asn_evidence does not round-trip")
        for e in evs:
            unknown(f"{where} asn_evidence", e, KEYS_ASNEV)
        for key in ("asns", "domains", "android_packages"):
            for v in ident.get(key, []):
                claims.setdefault((key, v), []).append(oid)

    # No identifier claimed twice; also report overlaps through subdomains / sub-packages.
    for (key, v), owners in sorted(claims.items(), key=lambda x: (x[0][0], str(x[0][1]))):
        if len(owners) > 1:
            errors.append(f"CONFLICT: {key} {v} claimed by {', '.join(owners)}")
    for key in ("domains", "android_packages"):
        # A domain covers its subdomains; a package covers every package below it.
        vals = sorted((v, owners[0]) for (k, v), owners in claims.items() if k == key)
        for a, oa in vals:
            for b, ob in vals:
                if key == "domains":
                    under = b.endswith("." + a)
                else:
                    under = b.startswith(a + ".")
                if under and oa != ob:
                    errors.append(f"CONFLICT: {key} {b} ({ob}) falls under {a} ({oa})")
    return errors


# normalise_name of src/cleannet/trust/names.cc, so that name collisions (which registry check
# rejects) are reported here, with the organisations, before any build.
CC_TRAILING = set("co ltd limited inc incorporated corp corporation company gmbh sa ab oyj oy "
                  "llc plc ag nv bv kk sas spa srl pte pty sl as asa se dd doo sro ohg kg lp "
                  "llp sarl bhd sdn jsc pjsc ojsc tbk sp z oo zoo spzoo mbh cokg lda ltda kft "
                  "coltd".split())
CC_LEADING = {"ao", "oao", "zao", "pao", "ooo", "pt", "the", "pjsc"}


def cc_normalise(name: str) -> str:
    import unicodedata
    folded = "".join(c for c in unicodedata.normalize("NFKD", name)
                     if not unicodedata.combining(c)).lower()
    tokens, cur = [], ""
    for c in folded:
        if ("a" <= c <= "z") or ("0" <= c <= "9") or ord(c) >= 0x80:
            cur += c
        elif c in ".'":
            pass
        elif cur:
            tokens.append(cur)
            cur = ""
    if cur:
        tokens.append(cur)
    b, e = 0, len(tokens)
    while True:
        if e - b > 1 and tokens[e - 1] in CC_TRAILING:
            e -= 1
        elif e - b > 2 and tokens[e - 2] == "a" and tokens[e - 1] in ("s", "g"):
            e -= 2
        else:
            break
    while e - b > 1 and tokens[b] in CC_LEADING:
        b += 1
    return " ".join(tokens[b:e])


def validate_updates(toml_text: str, additions: list, replacements: list) -> list[str]:
    """What the staged files say, checked on the written registry."""
    errors: list[str] = []
    doc = tomllib.loads(toml_text)
    byid = {o["id"]: o for o in doc.get("organisation", [])}
    for e in additions:
        o = byid.get(FOLD_INTO.get(e["id"], e["id"]))
        if o is None:
            errors.append(f"{UPDATES_SUBDIR}: {e['id']} missing")
            continue
        for sd in e["designations"]:
            hits = [d for d in o.get("designation", [])
                    if d["list"] == sd["list"] and d.get("quote") == sd["quote"]
                    and (d.get("date").isoformat() if d.get("date") else None) == sd["date"]
                    and d["verified"] == sd["verified"]]
            if len(hits) != 1:
                errors.append(f"{UPDATES_SUBDIR}: {e['id']} {sd['list']} {sd['date']}: "
                              f"{len(hits)} designations written")
        if e["id"] in FOLD_INTO:
            continue
        if e.get("parent") is not None and (o.get("parent") != e["parent"]
                                            or o.get("parent_verified") is not
                                            e.get("parent_verified", True)):
            errors.append(f"{UPDATES_SUBDIR}: {e['id']} parent as staged")
        if e.get("parent_verified") is False and o.get("parent_verified") is not False:
            errors.append(f"{UPDATES_SUBDIR}: {e['id']} parent_verified false lost")
    for r in replacements:
        if r["list"] in NOT_REPLACEMENTS or r["replaces"] is None:
            continue
        for oid in r["ids"]:
            if not any(d.get("source_url") == r["source_url"] and d.get("quote") == r["quote"]
                       and "previously cited: " in d.get("note", "")
                       for d in byid[oid].get("designation", [])):
                errors.append(f"{UPDATES_SUBDIR}: replacement {r['list']} {r['date']} not "
                              f"applied to {oid}")
    for lst, (until, _) in ENDS.items():
        for o in byid.values():
            for d in o.get("designation", []):
                if d["list"] == lst and (d.get("until") is None
                                         or d["until"].isoformat() != until):
                    errors.append(f"{o['id']}: {lst} does not end {until}")
    for typed, oid in REQUIRED_NAME_MATCHES.items():
        o = byid.get(oid)
        if o is None or typed.lower() not in [n.lower() for n in [o["name"]] + o["aliases"]]:
            errors.append(f"{typed!r} is not a name or alias of {oid}")
    owners: dict[str, set] = {}
    for o in byid.values():
        for n in [o["name"]] + o.get("aliases", []):
            owners.setdefault(cc_normalise(n), set()).add(o["id"])
    for n, ids in sorted(owners.items()):
        if len(ids) > 1:
            errors.append(f"CONFLICT: normalised name {n!r} claimed by {', '.join(sorted(ids))}")
    # Designations read through OpenSanctions' files say so (licence: docs in PROVENANCE.md).
    for o in byid.values():
        for d in o.get("designation", []):
            if "github.com/opensanctions/" in d.get("source_url", "") \
                    and "OpenSanctions" not in d.get("note", ""):
                errors.append(f"{o['id']}: {d['list']} {d.get('date')} cites OpenSanctions "
                              "without saying so in its note")
    return errors


def summary(toml_text: str) -> str:
    doc = tomllib.loads(toml_text)
    orgs = doc.get("organisation", [])
    desigs = [d for o in orgs for d in o.get("designation", [])]
    return (f"lists: {len(doc.get('list', []))} "
            f"(used by designations: {len({d['list'] for d in desigs})}), "
            f"criteria: {len(doc.get('criterion', []))} "
            f"(decisive: {sum(1 for c in doc.get('criterion', []) if c['decisive'])}, "
            f"placeholder: {sum(1 for c in doc.get('criterion', []) if c['basis'] == 'placeholder')}), "
            f"organisations: {len(orgs)}, designations: {len(desigs)} "
            f"(verified false: {sum(1 for d in desigs if not d['verified'])}, "
            f"without date: {sum(1 for d in desigs if 'date' not in d)}), "
            f"asn_evidence: {sum(len(o.get('asn_evidence', [])) for o in orgs)}")


# ---------------------------------------------------------------------------------- IEEE check
LEGAL_SUFFIXES = {"co", "ltd", "limited", "inc", "incorporated", "corp", "corporation",
                  "company", "gmbh", "sa", "s", "a", "ab", "oyj", "oy", "llc", "plc", "ag",
                  "pte", "pty", "kg", "bv", "nv", "b", "v", "n"}


def norm_name(s: str, punct_to_space: bool = True) -> str:
    s = s.lower()
    s = re.sub(r"[^\w\s]|_", " " if punct_to_space else "", s)
    words = s.split()
    while words and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def ieee_report(ieee_dir: str, toml_text: str) -> None:
    import csv
    doc = tomllib.loads(toml_text)
    targets = {"huawei": r"huawei", "zte": r"\bzte\b", "hikvision": r"hikvision",
               "dahua": r"dahua", "hytera": r"hytera", "cisco": r"cisco", "nokia": r"nokia",
               "ericsson": r"ericsson", "juniper": r"juniper", "arista": r"arista",
               "fujitsu": r"fujitsu", "nec": r"\bnec\b", "samsung-networks": r"samsung"}
    byid = {o["id"]: o for o in doc["organisation"]}
    print(f"IEEE registrant check ({ieee_dir}):")
    for fn in ("oui.csv", "mam.csv", "oui36.csv"):
        path = os.path.join(ieee_dir, fn)
        if not os.path.exists(path):
            print(f"  {fn}: missing")
            continue
        counts: dict = {}
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                n = row["Organization Name"]
                counts[n] = counts.get(n, 0) + 1
        for oid, pat in targets.items():
            o = byid[oid]
            for n in sorted(counts):
                if not re.search(pat, n.lower()):
                    continue
                modes = []
                for p2s in (True, False):
                    N = norm_name(n, p2s)
                    names = [norm_name(x, p2s) for x in [o["name"]] + o["aliases"]]
                    if N in names:
                        modes.append("exact")
                    elif any(N.startswith(a + " ") for a in names if a):
                        modes.append("alias-prefix")
                    elif any(a.startswith(N + " ") for a in names if N):
                        modes.append("registrant-prefix")
                    else:
                        modes.append("NONE")
                print(f"  {fn} {oid:<16} {n!r} x{counts[n]}: "
                      f"punct->space {modes[0]}, punct-deleted {modes[1]}")


# ---------------------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed-dir", default=SEED_DIR_DEFAULT)
    ap.add_argument("--out", default=OUT_DEFAULT)
    ap.add_argument("--ieee-dir", default=None,
                    help="print how IEEE registrant names of key vendors resolve by name")
    args = ap.parse_args()

    seed_dir = os.path.normpath(args.seed_dir)
    files = ("organisations.json", "sources.md", "criteria.md")
    hashes = {f: sha256_file(os.path.join(seed_dir, f)) for f in files}
    with open(os.path.join(seed_dir, "organisations.json"), encoding="utf-8") as f:
        orgs_json = json.load(f)
    with open(os.path.join(seed_dir, "sources.md"), encoding="utf-8") as f:
        sources_text = f.read()
    with open(os.path.join(seed_dir, "criteria.md"), encoding="utf-8") as f:
        criteria_text = f.read()
    updates_dir = os.path.join(seed_dir, UPDATES_SUBDIR)
    for fn in ("additions.json", "source_replacements.json"):
        hashes[fn] = sha256_file(os.path.join(updates_dir, fn))
    with open(os.path.join(updates_dir, "additions.json"), encoding="utf-8") as f:
        additions_text = f.read()
    additions = json.loads(additions_text)
    with open(os.path.join(updates_dir, "source_replacements.json"), encoding="utf-8") as f:
        replacements = json.load(f)
    with open(REPO_SOURCES, encoding="utf-8") as f:
        repo_sources_text = f.read()

    log: list[str] = []
    try:
        seed_lists = dedupe([d["list"] for o in orgs_json for d in o["designations"]])
        check_lists_against_sources(sources_text, seed_lists)
        for oid in list(EXTRA) + list(KINDS_OVERRIDE):
            if oid not in {o["id"] for o in orgs_json}:
                raise SeedError(f"EXTRA/KINDS_OVERRIDE names unknown organisation {oid!r}")

        criteria = parse_criteria(criteria_text)
        check_decisive_rule(criteria_text)
        ids = [c["id"] for c in criteria]
        for d in DECISIVE:
            if d not in ids:
                raise SeedError(f"decisive criterion {d} not in criteria.md")
        for c in criteria:
            c["decisive"] = c["id"] in DECISIVE
        for p in PLACEHOLDERS:
            source_url = next(c["source_url"] for c in criteria
                              if c["framework"] == p["framework"])
            last = max(i for i, c in enumerate(criteria) if c["framework"] == p["framework"])
            criteria.insert(last + 1, dict(p, source_url=source_url, decisive=False))

        check_new_lists(repo_sources_text, additions_text,
                        dedupe([d["list"] for e in additions for d in e["designations"]]))
        merged = apply_updates(orgs_json, additions, replacements, log)
        new_ids = {e["id"] for e in additions
                   if not e.get("merge_into_existing") and e["id"] not in FOLD_INTO}
        text = render(seed_dir, merged, criteria, hashes, new_ids)
    except SeedError as e:
        print(f"registry-seed-to-toml: {e}", file=sys.stderr)
        return 1

    errors = validate(text, merged, criteria) + validate_updates(text, additions, replacements)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(args.out, REPO) if args.out.startswith(REPO) else args.out}")
    if errors:
        for e in errors:
            print(f"  problem: {e}", file=sys.stderr)
    for line in log:
        print(f"  {UPDATES_SUBDIR}: {line}")
    print(summary(text))
    if args.ieee_dir:
        ieee_report(args.ieee_dir, text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
