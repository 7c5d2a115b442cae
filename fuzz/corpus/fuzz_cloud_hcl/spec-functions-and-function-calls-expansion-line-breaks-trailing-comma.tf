a = min(var.l...)
b = f(
  1,
  2,
)
