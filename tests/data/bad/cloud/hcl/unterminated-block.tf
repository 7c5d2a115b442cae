resource "alicloud_oss_bucket" "b" {
  bucket = "x"
