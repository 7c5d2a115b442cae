# Synthetic (hand-written for the cloud check golden cases): one resource per verdict.
provider "alicloud" {
  region = "cn-beijing"
}

provider "huaweicloud" {
  region = "eu-west-101"
}

provider "aws" {
  region = "eu-central-1"
}

resource "alicloud_oss_bucket" "hr" {
  bucket = "hr-records"
  tags = {
    data_class = "personal-data"
  }
}

resource "huaweicloud_obs_bucket" "genomes" {
  bucket = "genomes"
  tags = {
    data_class = "research-ip"
  }
}

resource "aws_s3_bucket" "payroll" {
  bucket = "payroll"
  tags = {
    data_class = "personal-data"
  }
}

resource "google_storage_bucket" "site" {
  name     = "site"
  location = "EU"
  labels = {
    data_class = "public"
  }
}

resource "tencentcloud_instance" "batch" {
  instance_name = "batch"
}

resource "random_id" "suffix" {
  byte_length = 4
}
