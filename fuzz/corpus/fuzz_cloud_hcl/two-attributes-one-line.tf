resource "a_b" "c" {
  name = "x" size = 2
}
