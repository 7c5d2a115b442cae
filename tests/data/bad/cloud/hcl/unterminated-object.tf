resource "a_b" "c" {
  tags = {
    data_class = "personal-data"
}
