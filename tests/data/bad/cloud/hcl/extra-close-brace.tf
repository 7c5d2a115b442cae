resource "a_b" "c" {
  name = "x"
}
}
