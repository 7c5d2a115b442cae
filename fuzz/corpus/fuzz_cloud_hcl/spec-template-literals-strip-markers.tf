a = "${~ var.x ~}"
b = "%{~ if true ~} x %{~ endif ~}"
