resource "tencentcloud_cos_bucket" "b" {
  tags = { data_class = "public" }
  tags {
    key   = "data_class"
    value = "personal-data"
  }
}
