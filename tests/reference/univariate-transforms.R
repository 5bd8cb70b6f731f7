# Reference values for the effect-size helpers: Hedges' exact correction J(m) (metafor's .cmicalc),
# the Freeman–Tukey transformation and its inverses (transf.pft, transf.ipft, transf.ipft.hm),
# and per-study escalc values under each zero-cell scope, metafor 3.8.1.
# Run: cd /work/main && Rscript tests/reference/univariate-transforms.R
source(file.path("tests", "reference", "univariate-helpers.R"))

m <- c(2, 3, 5, 10, 38, 200)
p <- c(0, 0.03, 0.2, 0.5, 0.87, 1)
n <- c(5, 12, 40, 17, 100, 8)
x <- c(-0.1, 0, 0.2, 0.7, 1.1, 1.5, 1.7)
ni <- c(17, 12, 8, 58, 10)
tables <- data.frame(id = c("none", "ai zero", "ci zero", "double zero", "all events"), ai = c(3, 0, 4, 0, 10), bi = c(7, 10, 6, 12, 0), ci = c(2, 5, 0, 0, 9), di = c(8, 5, 9, 11, 0))
escalc_rows <- list()
for (measure in c("RR", "OR", "RD", "PETO")) for (to in c("only0", "all", "if0all", "none")) for (drop00 in c(TRUE, FALSE)) {
  d <- suppressWarnings(escalc(measure, ai = ai, bi = bi, ci = ci, di = di, data = tables, add = 0.5, to = to, drop00 = drop00))
  escalc_rows[[length(escalc_rows) + 1]] <- list(measure = measure, to = to, drop00 = drop00, yi = I(c(d$yi)), vi = I(c(d$vi)))
}

# R's uniroot (Brent's zeroin) at metafor's tolerance, which the Paule–Mandel estimator uses
roots <- list(
  list(name = "x^2 - 2", lower = 0, upper = 2, f = function(x) x^2 - 2),
  list(name = "cos(x) - x", lower = 0, upper = 1, f = function(x) cos(x) - x),
  list(name = "exp(x) - 5", lower = 0, upper = 3, f = function(x) exp(x) - 5),
  list(name = "atan(x - 1/3)", lower = -10, upper = 100, f = function(x) atan(x - 1/3))
)
uniroots <- lapply(roots, function(r) {
  u <- uniroot(r$f, c(r$lower, r$upper), tol = .Machine$double.eps^0.25, maxiter = 100)
  list(name = r$name, lower = r$lower, upper = r$upper, root = u$root, iter = u$iter)
})

write_reference(list(
  uniroot = uniroots,
  generator = "tests/reference/univariate-transforms.R",
  hedges = list(m = I(m), J = I(metafor:::.cmicalc(m))),
  pft = list(p = I(p), n = I(n), value = I(transf.pft(p, n)), inverse = I(transf.ipft(transf.pft(p, n), n))),
  ipft_hm = list(x = I(x), ni = I(ni), value = I(transf.ipft.hm(x, targs = list(ni = ni)))),
  tables = lapply(seq_len(nrow(tables)), function(i) as.list(tables[i, ])),
  escalc = escalc_rows
), "univariate-transforms")
