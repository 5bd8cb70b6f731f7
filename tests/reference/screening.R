# Reference values for src/core/screening: TF-IDF (sklearn's TfidfVectorizer formulas), multinomial
# Naive Bayes (sklearn's MultinomialNB formulas), L2 logistic regression and squared-hinge SVM
# (liblinear's primal objectives, minimised here by optim), the Callaghan & Mueller-Hansen (2020)
# hypergeometric stopping test (as buscarpy's calculate_h0) and WSS / RRF on constructed orders.
# scikit-learn is not installed here, so its documented formulas are written out below.
# Run: cd /work/main && Rscript tests/reference/screening.R   (writes tests/reference/screening.json)
suppressMessages(library(jsonlite))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))

# ---- TF-IDF: token_pattern (?u)\b\w\w+\b on lower-cased text; idf = ln((1+n)/(1+df)) + 1; l2 rows.
docs <- c(
  "ACE inhibitors after myocardial infarction: a randomised trial of captopril.",
  "Captopril versus enalapril in heart failure; heart failure outcomes.",
  "Quality of life on enalapril (SOLVD) - a 2 year follow-up.",
  "Über Captopril: Kohortenstudie, captopril & ACE."
)
tokens <- lapply(tolower(docs), function(d) regmatches(d, gregexpr("(*UCP)\\b\\w\\w+\\b", d, perl = TRUE))[[1]])
bigrams <- lapply(tokens, function(t) if (length(t) > 1) paste(t[-length(t)], t[-1]) else character(0))
tfidf <- function(grams, sublinear = FALSE) {
  vocab <- unique(unlist(grams))
  n <- length(grams)
  tf <- t(sapply(grams, function(g) as.numeric(table(factor(g, levels = vocab)))))
  df <- colSums(tf > 0)
  idf <- log((1 + n) / (1 + df)) + 1
  if (sublinear) tf[tf > 0] <- 1 + log(tf[tf > 0])
  x <- sweep(tf, 2, idf, "*")
  x <- x / sqrt(rowSums(x^2))
  colnames(x) <- vocab
  list(vocabulary = vocab, idf = unname(idf), rows = lapply(seq_len(n), function(i) as.list(x[i, x[i, ] > 0])), x = x)
}
uni <- tfidf(tokens)
uniSublinear <- tfidf(tokens, sublinear = TRUE)
both <- tfidf(mapply(c, tokens, bigrams, SIMPLIFY = FALSE))

# ---- Multinomial NB with sample weights s: theta_cj = (N_cj + alpha) / (sum_j N_cj + alpha V);
# log-odds = x . (log theta_1 - log theta_0) + log(prior_1 / prior_0).
x <- uni$x
y <- c(1, 0, 0, 1)
s <- c(2, 1, 0.5, 1)
nbLogOdds <- function(x, y, s, alpha) {
  n1 <- colSums(x[y == 1, , drop = FALSE] * s[y == 1])
  n0 <- colSums(x[y == 0, , drop = FALSE] * s[y == 0])
  th1 <- (n1 + alpha) / (sum(n1) + alpha * ncol(x))
  th0 <- (n0 + alpha) / (sum(n0) + alpha * ncol(x))
  w <- log(th1) - log(th0)
  list(weights = unname(w), intercept = log(sum(s[y == 1]) / sum(s[y == 0])), logOdds = unname(drop(x %*% w) + log(sum(s[y == 1]) / sum(s[y == 0]))))
}
nb <- nbLogOdds(x, y, s, 3.822)
nbAlpha1 <- nbLogOdds(x, y, s, 1)

# ---- L2 logistic regression and L2-loss SVM, liblinear's primal with a penalised intercept:
# 0.5 (|w|^2 + b^2) + C sum_i s_i loss(y_i z_i), minimised by BFGS with analytic gradients.
xa <- cbind(x, 1)
sign <- 2 * y - 1
fitLinear <- function(C, value, slope) {
  f <- function(th) 0.5 * sum(th^2) + C * sum(s * value(sign * drop(xa %*% th)))
  g <- function(th) th + C * drop(t(xa) %*% (s * sign * slope(sign * drop(xa %*% th))))
  o <- optim(rep(0, ncol(xa)), f, g, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  th <- o$par
  list(weights = th[-length(th)], intercept = th[length(th)], margins = drop(xa %*% th), gradientNorm = sqrt(sum(g(th)^2)))
}
logistic <- fitLinear(1, function(t) log1p(exp(-t)), function(t) -1 / (1 + exp(t)))
logisticC10 <- fitLinear(10, function(t) log1p(exp(-t)), function(t) -1 / (1 + exp(t)))
svm <- fitLinear(0.11, function(t) pmax(0, 1 - t)^2, function(t) -2 * pmax(0, 1 - t))
svmC1 <- fitLinear(1, function(t) pmax(0, 1 - t)^2, function(t) -2 * pmax(0, 1 - t))

# ---- Callaghan & Mueller-Hansen: p = min over windows n of phyper(k_n; N - t + n, K_n, n),
# K_n = floor(r / tau) + 1 - (r - k_n); K_n larger than the population gives p = 0.
calculateH0 <- function(labels, N, tau = 0.95) {
  t <- length(labels); r <- sum(labels)
  best <- 1; window <- 0
  for (n in seq_len(t)) {
    k <- sum(labels[(t - n + 1):t])
    pop <- N - t + n
    K <- floor(r / tau + 1e-9) + 1 - (r - k)
    p <- if (K > pop) 0 else phyper(k, K, pop - K, n)
    if (p < best) { best <- p; window <- n }
  }
  list(p = best, window = window)
}
# Largest K in the pool with phyper(k; pop, K, n) >= 1 - level, minus k.
remainingBound <- function(k, pop, n, level) {
  K <- k:(k + pop - n)
  ok <- K[phyper(k, K, pop - K, n) >= 1 - level]
  max(ok) - k
}
set.seed(20240601)
orders <- list(
  list(name = "front-loaded", labels = c(rep(c(1, 1, 0, 0, 0), 20), rep(0, 2000)), N = 3000, tau = 0.95),
  list(name = "front-loaded-short", labels = c(rep(c(1, 1, 0, 0, 0), 20), rep(0, 1000)), N = 3000, tau = 0.95),
  list(name = "few-relevant", labels = c(1, 1, rep(0, 500)), N = 2000, tau = 0.95),
  list(name = "random-order", labels = sample(c(rep(1, 30), rep(0, 470)))[1:300], N = 500, tau = 0.9),
  list(name = "all-screened", labels = c(1, 0, 1, 0, 0, 0), N = 6, tau = 0.95)
)
stopping <- lapply(orders, function(o) c(list(name = o$name, labels = o$labels, N = o$N, tau = o$tau), calculateH0(o$labels, o$N, o$tau)))
bounds <- list(
  list(k = 0, population = 1100, n = 100, level = 0.5, bound = remainingBound(0, 1100, 100, 0.5)),
  list(k = 0, population = 1100, n = 100, level = 0.95, bound = remainingBound(0, 1100, 100, 0.95)),
  list(k = 3, population = 400, n = 50, level = 0.95, bound = remainingBound(3, 400, 50, 0.95)),
  list(k = 2, population = 2900, n = 2100, level = 0.5, bound = remainingBound(2, 2900, 2100, 0.5))
)

# ---- WSS and RRF (Cohen 2006; ASReview): n_r = first position with ceil(r R) relevant found;
# WSS = 100 ((N - n_r)/N - (1 - r)); RRF@10 = 100 found(ceil(0.1 N)) / R.
wss <- function(l, r) { n <- which(cumsum(l) >= ceiling(r * sum(l) - 1e-9))[1]; 100 * ((length(l) - n) / length(l) - (1 - r)) }
rrf <- function(l, f) 100 * sum(l[seq_len(ceiling(f * length(l) - 1e-9))]) / sum(l)
metricOrders <- list(
  c(1, 1, 0, 1, rep(0, 10), 1, rep(0, 20), 1, rep(0, 63)),
  sample(c(rep(1, 40), rep(0, 2174))),
  c(rep(1, 19), rep(0, 700), 1, rep(0, 300))
)
metrics <- lapply(metricOrders, function(l) list(labels = l, wss95 = wss(l, 0.95), wss100 = wss(l, 1), rrf10 = rrf(l, 0.1), rrf5 = rrf(l, 0.05)))

out <- list(
  tfidf = list(docs = docs, unigrams = uni[c("vocabulary", "idf", "rows")], sublinear = uniSublinear[c("vocabulary", "idf", "rows")],
               bigrams = both[c("vocabulary", "idf", "rows")]),
  naiveBayes = list(labels = y, sampleWeights = s, alpha3822 = nb, alpha1 = nbAlpha1),
  logistic = list(C1 = logistic, C10 = logisticC10),
  svm = list(C011 = svm, C1 = svmC1),
  stopping = stopping,
  bounds = bounds,
  metrics = metrics
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = FALSE), file.path(here, "screening.json"))
cat("wrote", file.path(here, "screening.json"), "\n")
