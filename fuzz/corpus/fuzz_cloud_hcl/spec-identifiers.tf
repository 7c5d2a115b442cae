a-b_c1 = 1
héllo = 2
