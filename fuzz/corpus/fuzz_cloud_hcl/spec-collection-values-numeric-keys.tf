a = { 80 = "HTTP", 443: "HTTPS" }
