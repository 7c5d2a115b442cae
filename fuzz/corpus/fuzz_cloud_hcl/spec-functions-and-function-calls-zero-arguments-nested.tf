a = uuid()
b = upper(uuid())
c = timeadd(timestamp(), "1h")
