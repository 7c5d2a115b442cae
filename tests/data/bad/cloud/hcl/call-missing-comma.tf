resource "a_b" "c" {
  name = format("%s-%s" var.a, var.b)
}
