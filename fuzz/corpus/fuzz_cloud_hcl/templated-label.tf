resource "a_b" "${var.x}" {
}
