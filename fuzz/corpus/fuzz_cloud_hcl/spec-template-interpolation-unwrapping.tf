a = "${true}"
b = "${"${true}"}"
