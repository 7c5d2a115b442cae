locals {
  s = "\u12"
}
