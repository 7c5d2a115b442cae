a = [for v in var.l : upper(v) if v != ""]
