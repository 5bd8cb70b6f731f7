# Reference values for src/core/agreement (Cohen's kappa, PABAK, Gwet's AC1, Fleiss' kappa).
# irr, psych and irrCAC are not installed here, so the published formulas are written out below,
# each with its source; examples with their published (rounded) values are included so the formulas
# themselves are checked against an outside source, the standard error of Cohen's kappa included
# (the SAS PROC FREQ printout below).
# Run: cd /work/main && Rscript tests/reference/agreement.R   (writes tests/reference/agreement.json)
suppressMessages(library(jsonlite))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
z <- qnorm(0.975)

# Cohen (1960); standard errors of Fleiss, Cohen & Everitt (1969), Psychol Bull 72:323-327.
cohen <- function(tab) {
  n <- sum(tab); p <- tab / n; q <- nrow(tab)
  r <- rowSums(p); cc <- colSums(p)
  po <- sum(diag(p)); pe <- sum(r * cc); k <- (po - pe) / (1 - pe)
  a <- sum(diag(p) * (1 - (r + cc) * (1 - k))^2)
  b <- 0
  for (i in 1:q) for (j in 1:q) if (i != j) b <- b + p[i, j] * (cc[i] + r[j])^2
  v <- (a + (1 - k)^2 * b - (k - pe * (1 - k))^2) / (n * (1 - pe)^2)
  v0 <- (pe + pe^2 - sum(r * cc * (r + cc))) / (n * (1 - pe)^2)
  list(kappa = k, po = po, pe = pe, se = sqrt(v), ci = k + c(-1, 1) * z * sqrt(v), se0 = sqrt(v0),
       z = k / sqrt(v0), p = 2 * pnorm(-abs(k / sqrt(v0))),
       pabak = (q * po - 1) / (q - 1))  # Byrt, Bishop & Carlin (1993), J Clin Epidemiol 46:423-429
}

# Gwet (2008), Br J Math Stat Psychol 61:29-48: AC1 and its variance, f = 0, written as Gwet's own
# gwet.ac1.table (agree.coeff2.r) computes it.
gwet <- function(tab) {
  n <- sum(tab); p <- tab / n; q <- nrow(tab)
  pik <- (rowSums(p) + colSums(p)) / 2
  po <- sum(diag(p)); pe <- sum(pik * (1 - pik)) / (q - 1); g <- (po - pe) / (1 - pe)
  w <- diag(q)
  s <- 0
  for (k in 1:q) for (l in 1:q) s <- s + p[k, l] * (w[k, l] - 2 * (1 - g) * (1 - (pik[k] + pik[l]) / 2) / (q - 1))^2
  v <- (s - (po - 2 * (1 - g) * pe)^2) / (n * (1 - pe)^2)
  list(ac1 = g, po = po, pe = pe, se = sqrt(v), ci = g + c(-1, 1) * z * sqrt(v), z = g / sqrt(v), p = 2 * pnorm(-abs(g / sqrt(v))))
}

# Fleiss (1971), Psychol Bull 76:378-382; SE under H0 as irr::kappam.fleiss (Fleiss, Nee & Landis 1979).
fleiss <- function(ratings) {
  ns <- nrow(ratings); nr <- ncol(ratings)
  lev <- sort(unique(as.vector(ratings)))
  tt <- t(apply(ratings, 1, function(x) table(factor(x, levels = lev))))
  po <- sum((rowSums(tt^2) - nr) / (nr * (nr - 1))) / ns
  pj <- colSums(tt) / (ns * nr); qj <- 1 - pj
  pe <- sum(pj^2); k <- (po - pe) / (1 - pe)
  se0 <- sqrt((2 / (sum(pj * qj)^2 * (ns * nr * (nr - 1)))) * (sum(pj * qj)^2 - sum(pj * qj * (qj - pj))))
  kj <- 1 - colSums(tt * (nr - tt)) / (ns * nr * (nr - 1) * pj * qj)
  list(kappa = k, po = po, pe = pe, se0 = se0, z = k / se0, p = 2 * pnorm(-abs(k / se0)), categories = lev,
       proportions = unname(pj), category_kappas = unname(kj), category_se0 = sqrt(2 / (ns * nr * (nr - 1))))
}

ratings_from_table <- function(tab, categories) {
  r1 <- c(); r2 <- c()
  for (i in seq_along(categories)) for (j in seq_along(categories)) {
    r1 <- c(r1, rep(categories[i], tab[i, j])); r2 <- c(r2, rep(categories[j], tab[i, j]))
  }
  list(rater1 = r1, rater2 = r2)
}

two_rater <- function(name, tab, categories, published = NULL) {
  dimnames(tab) <- list(categories, categories)
  c(list(name = name, categories = categories, table = unname(tab)), ratings_from_table(tab, categories),
    list(cohen = cohen(tab), gwet = gwet(tab), published = published))
}

set.seed(1998)
screen <- sample(c("exclude", "include", "maybe"), 240, replace = TRUE, prob = c(0.8, 0.12, 0.08))
second <- ifelse(runif(240) < 0.85, screen, sample(c("exclude", "include", "maybe"), 240, replace = TRUE))
screen_tab <- table(factor(screen, levels = c("exclude", "include", "maybe")), factor(second, levels = c("exclude", "include", "maybe")))

pairs <- list(
  # Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, published p_o 0.7, p_e 0.5, kappa 0.4.
  two_rater("wikipedia yes/no", matrix(c(20, 10, 5, 15), 2), c("no", "yes")[c(2, 1)],
            published = list(po = 0.7, pe = 0.5, kappa = 0.4)),
  # Rare inclusions: high agreement, kappa low (the "paradox" AC1 was made for; Feinstein & Cicchetti 1990).
  two_rater("rare inclusions", matrix(c(180, 6, 8, 6), 2), c("exclude", "include")),
  # SAS/STAT User's Guide, PROC FREQ, "Simple Kappa Coefficient" printout for this 3 x 3 table (rows:
  # rater 1), as statsmodels' test_inter_rater.py reproduces it: kappa 0.4842, ASE 0.1380, 95 % CI
  # 0.2137 to 0.7547, ASE under H0 0.1484, Z 3.2626, two-sided p 0.0011. SAS computes the ASEs with
  # Fleiss, Cohen & Everitt (1969), so this checks the SE formula against an independent program.
  two_rater("SAS PROC FREQ kappa printout", matrix(c(0, 0, 0, 4, 8, 1, 1, 0, 5), 3), c("a", "b", "c"),
            published = list(kappa = 0.4842, se = 0.1380, ci = c(0.2137, 0.7547), se0 = 0.1484, z = 3.2626, p = 0.0011)),
  # Three-way screening decisions, simulated.
  two_rater("screening include/exclude/maybe", matrix(as.vector(screen_tab), 3), c("exclude", "include", "maybe")))

# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; published
# P-bar 0.378, P-bar_e 0.213, kappa 0.210.
wiki_counts <- matrix(c(0, 0, 0, 0, 14, 0, 2, 6, 4, 2, 0, 0, 3, 5, 6, 0, 3, 9, 2, 0, 2, 2, 8, 1, 1,
                        7, 7, 0, 0, 0, 3, 2, 6, 3, 0, 2, 5, 3, 2, 2, 6, 5, 2, 1, 0, 0, 2, 2, 3, 7), ncol = 5, byrow = TRUE)
wiki_ratings <- t(apply(wiki_counts, 1, function(x) rep(1:5, x)))
set.seed(1971)
truth <- sample(c("exclude", "include", "maybe"), 60, replace = TRUE, prob = c(0.6, 0.3, 0.1))
four <- sapply(1:4, function(r) ifelse(runif(60) < 0.75, truth, sample(c("exclude", "include", "maybe"), 60, replace = TRUE)))
multi <- list(
  c(list(name = "wikipedia 14 raters", ratings = unname(wiki_ratings)), fleiss(wiki_ratings),
    list(published = list(po = 0.378, pe = 0.213, kappa = 0.210))),
  c(list(name = "four screeners", ratings = unname(four)), fleiss(four)))

out <- list(generated_by = "tests/reference/agreement.R", versions = list(R = R.version.string), two_raters = pairs, fleiss = multi)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(here, "agreement.json"))
cat("wrote", file.path(here, "agreement.json"), "\n")
