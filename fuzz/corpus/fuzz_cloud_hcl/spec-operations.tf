a = 1 + 2 * 3 - 4 / 5 % 6
b = !var.x && var.y || var.z
c = var.a == 1 != false
d = 1 < 2 && 2 <= 3 && 3 > 2 && 3 >= 2
e = -var.x
f = - - 1
