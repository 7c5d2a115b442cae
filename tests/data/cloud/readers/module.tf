# Synthetic (hand-written for the reader golden test): one module with every way the
# Terraform reader finds a provider, a region, a data class and an endpoint.
terraform {
  required_providers {
    ali = {
      source  = "aliyun/alicloud"
      version = ">= 1.200.0"
    }
  }
}

variable "region" {
  description = "Region of the default Alibaba provider"
  default     = "cn-hangzhou"
}

locals {
  tencent_region = "ap-guangzhou"
}

provider "ali" {
  region = var.region
}

provider "ali" {
  alias  = "sg"
  region = "ap-southeast-1"
}

provider "tencentcloud" {
  region = local.tencent_region
}

/* A bucket in the default provider's region,
   with its data class in tags. */
resource "alicloud_oss_bucket" "hr" {
  provider = ali
  bucket   = "hr-${var.region}"
  tags = {
    data_class = "personal-data"
    owner      = "hr"
  }
}

resource "alicloud_db_instance" "research" {
  provider = ali.sg // the Singapore alias
  engine   = "MySQL"
  tags     = { data_class = "research-ip; personal-data", "cost-centre": 42 }
  connection_string = "rm-gs5abc.mysql.singapore.rds.aliyuncs.com:3306"
}

resource "tencentcloud_cos_bucket" "site" {
  bucket = "site-1250000000"
  tags {
    key   = "data_class"
    value = "public"
  }
  policy = <<-EOT
    {"Statement": [{"Action": ["name/cos:GetObject"], "Effect": "Allow"}]}
  EOT
}

resource "google_storage_bucket" "genomes" {
  name     = "genomes-eu"
  location = "EUROPE-WEST3"
  labels = {
    data_class = "research-ip"
  }
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  public_ip     = "3.5.140.17"
  tags          = merge(var.tags, { Name = "web" })
}

resource "aws_security_group" "web" {
  name = "web"
}

resource "random_id" "suffix" { byte_length = 4 }

provider "aws" {
  alias  = "eu"
  region = "eu-central-1"
  default_tags {
    tags = {
      data_class = "personal-data"
    }
  }
}

resource "aws_s3_bucket" "records" {
  provider = "aws.eu"
  bucket   = "records"
}
