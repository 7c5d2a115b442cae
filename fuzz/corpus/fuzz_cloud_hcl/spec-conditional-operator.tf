a = var.x ? 1 : var.y ? 2 : 3
b = (var.x
  ? 1
  : 2)
