a = "%{ for i, v in var.l }${i}=${v},%{ endfor }"
