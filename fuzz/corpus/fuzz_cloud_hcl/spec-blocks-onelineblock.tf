b { c = 1 }
d "l" {}
