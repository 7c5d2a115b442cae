a = var.l[0]
b = var.m["k"][var.i]
c = var.l[
  1
]
