# Synthetic, hand-made: the construct of ../shared/data/peers/terraform/assume-heuristic/main.tf
# (made for issue 15), untagged resources for `--assume-data-class`. Seven hold data
# (a Kubernetes cluster, a log store, a MaxCompute project, a file system, a Redis cache, a
# backup vault, a secret), four are network or control plumbing (two route tables, a CEN
# instance, a password reset), and alicloud_ram_user is a type the data-class table does not list.
resource "alicloud_cs_managed_kubernetes" "k8s" { name = "k" }
resource "alicloud_log_store" "logs" { name = "l" }
resource "alicloud_maxcompute_project" "dw" { name = "m" }
resource "baiducloud_cfs" "fs" { name = "f" }
resource "baiducloud_scs" "redis" { instance_name = "r" }
resource "huaweicloud_cbr_vault" "backup" { name = "v" }
resource "tencentcloud_ssm_secret" "s" { secret_name = "s" }
resource "tencentcloud_route_table" "rt" { name = "rt" }
resource "huaweicloud_er_route_table" "ert" { name = "ert" }
resource "alicloud_cen_instance" "cen" { cen_instance_name = "c" }
resource "huaweicloud_bms_instance_password_reset" "pw" { new_password = "x" }
resource "alicloud_ram_user" "u" { name = "u" }
