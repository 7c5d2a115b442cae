a = <<EOT
  x ${var.y}
EOT
b = <<-EOT
    one
      %{ if c }two%{ endif }
    EOT
