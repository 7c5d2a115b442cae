a = provider::aws::arn_parse(var.arn)
b = core::upper("x")
