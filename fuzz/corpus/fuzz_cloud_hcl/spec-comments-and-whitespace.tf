# line
// line
/* inline */ a = /* in */ 1 # trailing
b	=	2 // trailing
