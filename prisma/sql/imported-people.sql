-- People named in an imported backup were matched to accounts by email, and an account without a
-- password was taken over by whoever signed up with its email. Emails are not verified, so neither
-- may stand for a person any more: such accounts get an address no one can sign up with, and keep
-- their name on the work they carried.
UPDATE "User" SET email = 'imported-' || id || '@backup.invalid' WHERE "passwordHash" = '';
