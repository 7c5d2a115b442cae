locals {
  greeting = "%{ if var.formal }Dear sir"
}
