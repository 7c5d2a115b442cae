resource "alicloud_oss_bucket" "hr" {
  bucket = "hr"
  tags   = { data_class = "personal-data" }
  tags   = { data_class = "public" }
}
