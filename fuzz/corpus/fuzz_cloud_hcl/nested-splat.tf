locals {
  ids = aws_instance.web.*.*.id
}
