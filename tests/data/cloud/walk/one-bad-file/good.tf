# Synthetic (hand-written): a readable file beside an unreadable one
resource "alicloud_oss_bucket" "hr" {
  bucket = "hr"
  tags   = { data_class = "personal-data" }
}
