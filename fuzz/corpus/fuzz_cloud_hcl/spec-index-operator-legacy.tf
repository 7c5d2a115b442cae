a = var.l.0.id
