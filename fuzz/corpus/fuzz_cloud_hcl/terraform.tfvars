# Synthetic: overrides the variable default in module.tf
region = "cn-shanghai"
