# Synthetic: only providers without an untrusted designation.
resource "aws_s3_bucket" "payroll" {
  bucket = "payroll"
  tags   = { data_class = "personal-data" }
}

resource "azurerm_storage_account" "records" {
  name     = "records"
  location = "westeurope"
  tags     = { classification = "personal-data" }
}
