a = {var.a: var.a, "key2": var.b}
b = {(var.env) = 1}
