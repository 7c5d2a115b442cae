# Synthetic (hand-written): every construct of the HCL native syntax specification
# (hashicorp/hcl, hclsyntax/spec.md) in one module, around resources the check judges.
// Lexical Elements: line comments (# and //), /* inline comments */, identifiers with '-'.
terraform {
  required_providers {
    alicloud = { source = "aliyun/alicloud" }
  }
}

variable "region" { default = "cn-beijing" } # a one-line block

variable "env-name" {
  default = "prod"
}

locals {
  numbers = [1, 1.5, 1e3, 1.5E-3, 2e+10]           # Numeric Literals
  flags   = [true, false, null]                     # Literal Values
  ports   = { 80 = "HTTP", 443: "HTTPS" }           # numeric object keys, '=' and ':'
  by_env  = { (var.env-name) = 1, "quoted key" = 2 } # expression keys
  from    = { var.region: var.region }
  upper   = [for s in ["a", "b"] : upper(s) if s != ""]  # For Expressions
  grouped = { for i, v in ["a", "a", "b"] : v => i... }
  ids     = aws_s3_bucket.logs.*.id                 # Splat Operators
  arns    = aws_s3_bucket.logs[*].arn
  first   = local.numbers.0                         # legacy index
  second  = local.numbers[1]                        # Index Operator
  id      = upper(uuid())                           # zero-argument call nested in a call
  later   = timeadd(timestamp(), "1h")
  least   = min(local.numbers...)                   # expansion of the final argument
  arn     = provider::aws::arn_parse("arn:aws:s3:::logs")  # namespaced function
  math    = -1 + 2 * 3 - 4 / 5 % 6                  # Operations
  logic   = !true && (1 < 2 || 2 <= 3) && 3 > 2 && 3 >= 2 && 1 == 1 && 1 != 2
  pick    = var.region == "cn-beijing" ? "mainland" : "other"  # Conditional Operator
  grade = (
    local.math > 0
    ? "positive"
    : "not positive"
  )
  text = "x-${var.region}-$${literal}-%%{literal} ${~ local.pick ~}"  # templates, escapes, strip markers
  list = "%{ for p in local.upper }${p},%{ endfor }%{ if local.logic }yes%{ else }no%{ endif }"
  doc  = <<-EOT
    region: ${var.region}
    %{~ if var.region != "" ~}
    set
    %{~ endif ~}
  EOT
}

provider "alicloud" {
  region = var.region
}

resource "alicloud_oss_bucket" "hr" {
  bucket = "hr-${local.id}"
  tags = {
    data_class = "personal-data"
    owner      = local.pick
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = format("logs-%s", lower(uuid()))
  tags   = merge({ data_class = "public" }, { build = local.later })
}

resource "tencentcloud_cos_bucket" "lab" {
  bucket = "lab-1250000000"
  tags = {
    data_class     = "research-ip"
    (var.env-name) = "x"
  }
}
