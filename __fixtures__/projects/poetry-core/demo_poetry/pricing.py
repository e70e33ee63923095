def total(prices, discount=0):
    amount = sum(prices)
    if discount:
        amount = amount * (100 - discount) / 100
    return round(amount, 2)
