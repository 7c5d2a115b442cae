b "x" y {
  c = 1
  d {
  }
}
