# Diagnostic test accuracy datasets shared by the dta*.R reference scripts.
# Each is a data frame with columns id, tp, fp, fn, tn (and optionally covariate).

# Kearon et al. (Ann Intern Med 1998;128:663-677): venous ultrasonography for deep venous thrombosis,
# metadat's dat.kearon1998 with the four studies that lack counts left out; covariate = patients
# (symptomatic / asymptomatic). 30 studies, 8 with a zero cell.
kearon1998 <- local({
  d <- metadat::dat.kearon1998
  d <- d[complete.cases(d[, c("tp", "np", "tn", "nn")]), ]
  data.frame(id = paste0(d$study, " #", d$id), tp = d$tp, fp = d$nn - d$tn, fn = d$np - d$tp, tn = d$tn,
             covariate = as.character(d$patients), stringsAsFactors = FALSE)
})

# AUDIT-C screening for alcohol use disorders (Kriston et al., Ann Intern Med 2008;149:879-888),
# the 14 studies of mada's AuditC dataset (mada is not installed here; the counts reproduce mada's
# documented reitsma() results: sensitivity 0.891 [0.808, 0.941], specificity 0.780 [0.715, 0.833]).
auditc <- data.frame(
  id = sprintf("AuditC %02d", 1:14),
  tp = c(47, 126, 19, 36, 130, 84, 68, 752, 59, 142, 137, 57, 34, 152),
  fn = c(9, 51, 10, 3, 19, 2, 0, 0, 5, 50, 24, 3, 1, 51),
  fp = c(101, 272, 12, 78, 211, 68, 112, 3226, 55, 571, 107, 103, 21, 88),
  tn = c(738, 1543, 192, 276, 959, 89, 423, 2977, 136, 2788, 358, 437, 56, 264))

# A liver-iron-style example: 16 studies simulated from the bivariate model with a numeric
# covariate acting on both logits (mean age, centred in the generating model only).
simulated16 <- local({
  set.seed(20050801)
  k <- 16
  n1 <- sample(15:90, k, replace = TRUE)
  n0 <- sample(25:160, k, replace = TRUE)
  age <- round(rnorm(k, 52, 9))
  L <- t(chol(matrix(c(0.45, -0.25, -0.25, 0.6), 2)))
  u <- L %*% matrix(rnorm(2 * k), 2)
  la <- 1.6 + 0.04 * (age - 52) + u[1, ]
  lb <- 1.9 - 0.03 * (age - 52) + u[2, ]
  tp <- rbinom(k, n1, plogis(la))
  tn <- rbinom(k, n0, plogis(lb))
  data.frame(id = sprintf("Sim %02d", 1:k), tp = tp, fp = n0 - tn, fn = n1 - tp, tn = tn, covariate = age)
})

# A small constructed set with zero cells in sensitivity only (A), specificity only (B) and both (E),
# to tell the four continuity-correction scopes apart.
zeros8 <- data.frame(
  id = LETTERS[1:8],
  tp = c(12, 25, 8, 18, 40, 9, 15, 22),
  fn = c(0, 4, 2, 3, 0, 5, 2, 6),
  fp = c(3, 0, 5, 7, 0, 2, 9, 4),
  tn = c(40, 60, 33, 51, 88, 20, 64, 70))

# Continuity correction as src/core/dta/continuity-correction.ts documents it.
correct_counts <- function(d, value, scope) {
  zero_study <- d$tp == 0 | d$fp == 0 | d$fn == 0 | d$tn == 0
  add <- function(x, where) x + ifelse(where, value, 0)
  if (scope == "all") {
    w <- rep(any(zero_study), nrow(d))
    return(transform(d, tp = add(tp, w), fp = add(fp, w), fn = add(fn, w), tn = add(tn, w), corrected = w))
  }
  if (scope == "study")
    return(transform(d, tp = add(tp, zero_study), fp = add(fp, zero_study), fn = add(fn, zero_study),
                     tn = add(tn, zero_study), corrected = zero_study))
  if (scope == "proportion") {
    ws <- d$tp == 0 | d$fn == 0
    wp <- d$tn == 0 | d$fp == 0
    return(transform(d, tp = add(tp, ws), fn = add(fn, ws), tn = add(tn, wp), fp = add(fp, wp), corrected = ws | wp))
  }
  transform(d, corrected = FALSE)
}
