a = var.a.b
