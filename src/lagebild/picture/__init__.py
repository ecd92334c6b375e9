"""The picture: what the stored events say together (stories across articles, periods, scores)."""
