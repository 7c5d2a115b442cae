# Synthetic (hand-written): unreadable, the string is not closed
resource "aws_s3_bucket" "a" {
  bucket = "a
}
