variable "x" {
  default = "bad \escape"
}
