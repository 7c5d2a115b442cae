locals {
  ports = {
    80
  }
}
