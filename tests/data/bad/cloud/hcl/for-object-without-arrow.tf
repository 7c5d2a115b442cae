locals {
  m = { for k, v in var.m : k }
}
