-- Boards made before Production had its own form were already used in Production with their
-- builder fields: they keep exactly that form, as if deployed once. Boards made from now on get
-- a Production form only from a deployment.
UPDATE `boards` SET `production_fields` = `fields` WHERE `production_fields` IS NULL;
