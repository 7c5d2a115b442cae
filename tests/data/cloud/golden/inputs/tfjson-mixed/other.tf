# Synthetic (hand-written): the .tf file beside main.tf.json
resource "aws_s3_bucket" "a" {
  bucket = "a"
}
