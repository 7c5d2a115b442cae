a = var.l.*.id
b = var.l[*].id[0]
c = aws_instance.x.*.tags.0
