resource "aws_iam_policy" "p" {
  policy = <<-EOT
  {}
  EOF
}
